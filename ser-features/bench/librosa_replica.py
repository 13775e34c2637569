#!/usr/bin/env python3
"""Times the reference pipeline where librosa itself cannot be installed (no PyPI here).

A replica of what librosa 0.10.2 runs for the notebook's log-mel features --
``melspectrogram(y=y, sr=16000, n_mels=128)`` then ``power_to_db(S, ref=np.max)`` on one
80,080-sample float32 clip -- written from librosa's source: the same numpy/scipy calls in the
same order (centre padding of the edge frames only, strided frames, a Hann window from
``scipy.signal.get_window``, ``np.fft.rfft`` over 256 KiB blocks into a complex64 matrix,
``np.abs(...) ** 2``, the Slaney filterbank built on every call, ``np.einsum``, the dB
clipping). It is not librosa: its argument checks and dispatch are left out, so it is a lower
bound on librosa's time. It first checks itself against the fixtures' dB values.

Usage: python3 librosa_replica.py ../../shared/fixtures/librosa/inputs/*.wav
Needs numpy and scipy. Prints the median, 10th and 90th percentile ms per clip over 200 rounds.
"""
import numpy as np, time, wave, sys, glob
import scipy.signal
def hz_to_mel(f):
    f=np.asanyarray(f); f_min=0.0; f_sp=200.0/3; mels=(f-f_min)/f_sp
    min_log_hz=1000.0; min_log_mel=(min_log_hz-f_min)/f_sp; logstep=np.log(6.4)/27.0
    if f.ndim:
        log_t=f>=min_log_hz; mels[log_t]=min_log_mel+np.log(f[log_t]/min_log_hz)/logstep
    elif f>=min_log_hz: mels=min_log_mel+np.log(f/min_log_hz)/logstep
    return mels
def mel_to_hz(m):
    m=np.asanyarray(m); f_min=0.0; f_sp=200.0/3; freqs=f_min+f_sp*m
    min_log_hz=1000.0; min_log_mel=(min_log_hz-f_min)/f_sp; logstep=np.log(6.4)/27.0
    log_t=m>=min_log_mel; freqs[log_t]=min_log_hz*np.exp(logstep*(m[log_t]-min_log_mel)); return freqs
def mel_filters(sr=16000,n_fft=2048,n_mels=128,fmin=0.0,fmax=None,dtype=np.float32):
    if fmax is None: fmax=float(sr)/2
    weights=np.zeros((n_mels,int(1+n_fft//2)),dtype=dtype)
    fftfreqs=np.fft.rfftfreq(n=n_fft,d=1.0/sr)
    mel_f=mel_to_hz(np.linspace(hz_to_mel(fmin),hz_to_mel(fmax),n_mels+2))
    fdiff=np.diff(mel_f); ramps=np.subtract.outer(mel_f,fftfreqs)
    for i in range(n_mels):
        lower=-ramps[i]/fdiff[i]; upper=ramps[i+2]/fdiff[i+1]
        weights[i]=np.maximum(0,np.minimum(lower,upper))
    enorm=2.0/(mel_f[2:n_mels+2]-mel_f[:n_mels]); weights*=enorm[:,np.newaxis]
    return weights
def frame(x,frame_length,hop_length):
    xw=np.lib.stride_tricks.sliding_window_view(x,frame_length,axis=-1)
    xw=np.moveaxis(xw,-1,-2)  # librosa 0.10 frame(): axis=-1 puts frames last
    return xw[...,::hop_length]
def stft(y,n_fft=2048,hop_length=512):
    fft_window=scipy.signal.get_window("hann",n_fft,fftbins=True)
    fft_window=fft_window.reshape(-1,1)
    start_k=int(np.ceil(n_fft//2/hop_length)); tail_k=(y.shape[-1]+n_fft//2-n_fft)//hop_length+1
    y_pre=np.pad(y[:(start_k-1)*hop_length-n_fft//2+n_fft+1],(n_fft//2,0),mode="constant")
    y_frames_pre=frame(y_pre,n_fft,hop_length)[...,:start_k]; extra=y_frames_pre.shape[-1]
    y_post=np.pad(y[tail_k*hop_length-n_fft//2:],(0,n_fft//2),mode="constant")
    y_frames_post=frame(y_post,n_fft,hop_length); extra+=y_frames_post.shape[-1]
    start=start_k*hop_length-n_fft//2
    y_frames=frame(y[start:],n_fft,hop_length)
    n_frames=y_frames.shape[-1]+extra
    stft_matrix=np.zeros((1+n_fft//2,n_frames),dtype=np.complex64,order="F")
    off_start=y_frames_pre.shape[-1]
    stft_matrix[:,:off_start]=np.fft.rfft(fft_window*y_frames_pre,axis=-2)
    off_end=y_frames_post.shape[-1]
    stft_matrix[:,-off_end:]=np.fft.rfft(fft_window*y_frames_post,axis=-2)
    n_columns=int(2**8*2**10//(np.prod(y_frames.shape[:-1])*y_frames.itemsize))
    for bl_s in range(0,y_frames.shape[-1],n_columns):
        bl_t=min(bl_s+n_columns,y_frames.shape[-1])
        stft_matrix[:,bl_s+off_start:bl_t+off_start]=np.fft.rfft(fft_window*y_frames[:,bl_s:bl_t],axis=-2)
    return stft_matrix
def logmel(y):
    S=np.abs(stft(y))**2.0
    mel_basis=mel_filters()
    M=np.einsum("...ft,mf->...mt",S,mel_basis,optimize=True)
    magnitude=M; ref_value=np.max(magnitude)
    log_spec=10.0*np.log10(np.maximum(1e-10,magnitude)); log_spec-=10.0*np.log10(np.maximum(1e-10,ref_value))
    log_spec=np.maximum(log_spec,log_spec.max()-80.0)
    return log_spec
def load(p):
    w=wave.open(p); x=np.frombuffer(w.readframes(w.getnframes()),dtype='<i2').astype(np.float32)/32768
    y=np.zeros(80080,np.float32); y[:min(len(x),80080)]=x[:80080]; return y
clips=[load(p) for p in sys.argv[1:]]
# check the replica against the fixtures it has inputs for
import os
worst=None
for p,y in zip(sys.argv[1:],clips):
    e=os.path.join(os.path.dirname(os.path.abspath(p)),'..','expected',os.path.basename(p)[:-4]+'.db.csv')
    if os.path.exists(e):
        d=np.loadtxt(e,delimiter=','); r=logmel(y); m=d>-79.99
        worst=max(worst or 0.0,float(np.abs(r-d)[m].max()))
print('max |dB difference| from the fixtures:', 'no fixture found' if worst is None else worst)
for _ in range(20): [logmel(y) for y in clips]
ts=[]
for r in range(200):
    for y in clips:
        t=time.perf_counter(); logmel(y); ts.append(time.perf_counter()-t)
ts=np.array(ts)*1e3
print(f"numpy {np.__version__} replica of librosa 0.10.2 log-mel+dB: median {np.median(ts):.2f} ms, p10 {np.percentile(ts,10):.2f}, p90 {np.percentile(ts,90):.2f} ms per clip")
