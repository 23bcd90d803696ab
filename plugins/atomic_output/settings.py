"""Default of the atomic_output plugin's one setting."""

#: Build into a fresh sibling folder (`output.tmp-XXXXXXXX`) and swap it into place
#: only when the whole build succeeded. Off for development builds, which update
#: output/ in place so that livereload stays fast; on in publishconf.py.
ATOMIC_OUTPUT = False
