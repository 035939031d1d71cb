# Sourced by check_installer.sh and check_windows_build.sh: start a private Xvfb on the first free
# display from FIRST to 199 at SIZE, logging to LOG. Sets DISPLAY and XPID (the caller's exit trap
# stops it by that pid); returns 1 with XPID empty when no display could be started.
start_private_xvfb() {
    local first="$1" size="$2" log="$3" n
    XPID=""
    for n in $(seq "$first" 199); do
        [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] && continue
        Xvfb ":$n" -nolisten tcp -screen 0 "$size" >"$log" 2>&1 &
        XPID=$!
        for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; kill -0 "$XPID" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$XPID" 2>/dev/null && [ -e "/tmp/.X11-unix/X$n" ]; then export DISPLAY=":$n"; return 0; fi
        XPID=""
    done
    return 1
}
