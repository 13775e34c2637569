#!/bin/sh
# Regenerates the tiny test files of ser-audio-codecs from synthetic signals (no recordings):
# a 0.5 s mono 16 kHz signal (a 300-3000 Hz sweep plus pink noise) and a 0.25 s stereo 32 kHz one
# (two tones plus noise, 24-bit for FLAC), each encoded as FLAC, MP3 128 kb/s and Ogg Vorbis q5, and
# ffmpeg's own decodes of them mixed to mono by averaging ("*.ref.wav", the parity references).
# Run from this folder with ffmpeg 5.1 (Debian 12: apt-get install ffmpeg).
set -eu
F="ffmpeg -loglevel error -y -bitexact"
MONO="aevalsrc=0.3*sin(2*PI*(300*t+2700*t*t)):s=16000:d=0.5[a];anoisesrc=c=pink:r=16000:a=0.1:d=0.5:seed=7[b];[a][b]amix=inputs=2:normalize=0"
STEREO="aevalsrc=0.3*sin(2*PI*440*t)|0.3*sin(2*PI*660*t):s=32000:d=0.25[a];anoisesrc=c=pink:r=32000:a=0.1:d=0.25:seed=9,aformat=channel_layouts=stereo[b];[a][b]amix=inputs=2:normalize=0"
$F -filter_complex "$MONO" -ac 1 -c:a pcm_s16le mono16k.wav
$F -i mono16k.wav mono16k.flac
$F -i mono16k.wav -b:a 128k mono16k.mp3
$F -i mono16k.wav -c:a libvorbis -q:a 5 mono16k.ogg
$F -filter_complex "$STEREO" -c:a flac -sample_fmt s32 stereo32k.flac
$F -filter_complex "$STEREO" -b:a 128k stereo32k.mp3
$F -filter_complex "$STEREO" -c:a libvorbis -q:a 5 stereo32k.ogg
AVG="pan=mono|c0=0.5*c0+0.5*c1"
$F -i stereo32k.flac -af "$AVG" -c:a pcm_f32le stereo32k.flac.ref.wav
for f in mono16k.mp3 mono16k.ogg; do $F -i $f -c:a pcm_f32le $f.ref.wav; done
for f in stereo32k.mp3 stereo32k.ogg; do $F -i $f -af "$AVG" -c:a pcm_f32le $f.ref.wav; done
