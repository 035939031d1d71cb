"""What the standalone folder leaves out, and why (exec'd by ivigdesk.spec; listed for IT in
packaging/README.md). Every entry was checked: --self-test (all plans, the window, a saved PDF)
and the print preview pass without it, on the offscreen, X11 (xcb) and Wayland platforms.

Paths are matched against where PyInstaller puts each file in the folder (forward slashes).
The PySide6 wheels differ: Linux and macOS keep Qt's plugins and translations under
``PySide6/Qt/``, Windows directly under ``PySide6/``; ``_QT`` matches both.
"""

import re

# Python modules nothing in IVIG Desk imports (PyInstaller follows optional imports into them)
UNUSED_PYTHON = [
    "ssl",  # no network: without it, _ssl, libssl and libcrypto (and Kerberos, through them) stay out
    "_ssl",
    "_hashlib",  # hashlib's OpenSSL backend; sha256 comes from the built-in _sha256 instead
    "asyncio",
    "multiprocessing",
    "concurrent",
    "xmlrpc",
    "http",
    "urllib.request",
    "pydoc_data",
    "lib2to3",
    "curses",
    "sqlite3",
]

_QT = r"PySide6/(?:Qt/)?"  # PySide6/Qt/plugins (Linux, macOS wheels) or PySide6/plugins (Windows wheel)
_UNUSED_FILES = [
    # Qt's own translations: IVIG Desk installs no translator (7 MB, 99 files); pint's test suite
    _QT + r"translations/",
    r"^pint/testsuite/",
    # platforms for embedded devices and remote displays, and their input plugins; VNC and TUIO
    # are what pulled in QtNetwork. Kept: xcb, wayland, windows, cocoa, and offscreen (self-test)
    _QT + r"plugins/platforms/(lib)?q(eglfs|linuxfb|minimal|minimalegl|vnc|vkkhrdisplay)\.",
    _QT + r"plugins/(generic|egldeviceintegrations|xcbglintegrations)/",
    r"libQt6(Network|EglFSDeviceIntegration|EglFsKmsSupport|OpenGL)\.",
    r"Qt6(Network|OpenGL)\.dll$",
    _QT + r"plugins/platforms/qdirect2d\.dll$",
    # image formats the window never reads (its icons are PNG, which Qt decodes itself), and the SVG
    # icon engine with Qt's SVG library
    _QT + r"plugins/imageformats/",
    _QT + r"plugins/iconengines/",
    r"libQt6Svg\.|Qt6Svg\.dll$",
    # the GTK 3 theme plugin and the GTK, cairo and pango libraries it pulls in: Qt draws its own
    # style and file dialogs instead (Windows and macOS use their own native plugins)
    _QT + r"plugins/platformthemes/(lib)?qgtk3\.",
    r"^lib(gtk-3|gdk-3|atk-1\.0|atk-bridge-2\.0|atspi|cairo|cairo-gobject|gdk_pixbuf-2\.0|pango-1\.0|pangocairo-1\.0"
    r"|pangoft2-1\.0|epoxy|thai|datrie|pixman-1|fribidi|graphite2|harfbuzz-gobject|Xcomposite|Xcursor|Xdamage"
    r"|Xfixes|Xi|Xinerama|Xrandr|wayland-cursor|wayland-egl)\.so",
    # OpenSSL and Kerberos, for the ssl module left out above
    r"^lib(ssl|crypto|krb5|krb5support|k5crypto|gssapi_krb5|com_err|keyutils)\.so",
    r"^lib(ssl|crypto)-\d.*\.dll$",
    # Qt's software OpenGL for Windows (20.6 MB): the window draws with Qt Widgets' raster engine,
    # never OpenGL (to confirm over remote desktop, where Qt may fall back to software OpenGL)
    r"(^|/)opengl32sw\.dll$",
]
UNUSED_FILES = re.compile("|".join(f"(?:{pattern})" for pattern in _UNUSED_FILES))


def needed(destination: str) -> bool:
    """Whether a file PyInstaller collected at ``destination`` is kept."""
    return UNUSED_FILES.search(destination.replace("\\", "/")) is None
