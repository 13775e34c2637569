# Sourced by the bench scripts: chooses the allocator the Python reference runs with.
# PY_MALLOC = tcmalloc (default when libtcmalloc_minimal.so.4 is installed), glibc, or the path of
# a malloc library to LD_PRELOAD. glibc returns every large buffer to the kernel and faults it in
# again on the next step; on hosts where a fresh page is dear (the 2-vCPU KVM guests here: about
# 30 ms per 100 MB against 3 ms to refill one) that made PyTorch's training look up to 6x slower
# than it is. tcmalloc keeps the pages (Debian: apt-get install libtcmalloc-minimal4).
# Defines py_run CMD...: runs CMD with the chosen allocator; sets PY_MALLOC_NAME for the logs.
TCMALLOC_LIB=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4
if [ -z "${PY_MALLOC:-}" ]; then
  if [ -e "$TCMALLOC_LIB" ]; then PY_MALLOC=tcmalloc; else PY_MALLOC=glibc; fi
fi
case "$PY_MALLOC" in
  glibc) PY_PRELOAD= ;;
  tcmalloc)
    if [ ! -e "$TCMALLOC_LIB" ]; then echo "PY_MALLOC=tcmalloc but $TCMALLOC_LIB is missing" >&2; exit 2; fi
    PY_PRELOAD=$TCMALLOC_LIB ;;
  *)
    if [ ! -e "$PY_MALLOC" ]; then echo "PY_MALLOC: no such library: $PY_MALLOC" >&2; exit 2; fi
    PY_PRELOAD=$PY_MALLOC ;;
esac
PY_MALLOC_NAME=${PY_MALLOC}${PY_PRELOAD:+ ($PY_PRELOAD)}
py_run() {
  LD_PRELOAD="${PY_PRELOAD}${LD_PRELOAD:+:$LD_PRELOAD}" "$@"
}
