"""Emotion labels from RAVDESS, EmoDB and TESS file names, for the scripts of this folder."""
import os

CLASSES = ["anger", "disgust", "fear", "happy", "neutral", "sad"]
RAVDESS = {"01": "neutral", "03": "happy", "04": "sad", "05": "anger", "06": "fear", "07": "disgust"}
EMODB = {"W": "anger", "E": "disgust", "A": "fear", "F": "happy", "T": "sad", "N": "neutral"}


def label(path):
    """The emotion of a RAVDESS (03-01-EE-...), TESS (OAF_word_emotion) or EmoDB (03a01Fa) file."""
    b = os.path.basename(path)
    if b.count("-") == 6:
        return RAVDESS[b.split("-")[2]]
    if "_" in b:
        w = b[:-4].split("_")[-1].lower()
        return "anger" if w == "angry" else w
    return EMODB[b[5]]
