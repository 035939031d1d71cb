/* A stand-in for Windows' own ICU (icuuc.dll, Windows 10 1903+), which Wine lacks, so that the
 * Windows build can run under Wine (packaging/check_windows_build.sh). Never shipped: the lane
 * puts it in the Wine prefix's windows\system32, where Windows keeps the real one, so PyInstaller
 * treats it as a system DLL and does not bundle it.
 *
 * Qt6Core.dll imports these 20 ucnv_* names (x86_64-w64-mingw32-objdump -p Qt6Core.dll; the lane
 * checks that the list still covers them). Each fails: ucnv_open returns NULL with
 * U_FILE_ACCESS_ERROR and there are no converters, so Qt treats ICU codecs as unavailable,
 * which IVIG Desk never uses.
 *
 *     x86_64-w64-mingw32-gcc -shared -O2 -o icuuc.dll icuuc_stub.c
 */
#include <stddef.h>

#define EXPORT __declspec(dllexport)
#define U_FILE_ACCESS_ERROR 4

typedef int UErrorCode;

static void failed(UErrorCode *status)
{
    if (status != NULL && *status <= 0)
        *status = U_FILE_ACCESS_ERROR;
}

EXPORT void *ucnv_open(const char *name, UErrorCode *status) { (void)name; failed(status); return NULL; }
EXPORT void ucnv_close(void *converter) { (void)converter; }
EXPORT void ucnv_reset(void *converter) { (void)converter; }
EXPORT signed char ucnv_getMaxCharSize(const void *converter) { (void)converter; return 1; }
EXPORT const char *ucnv_getName(const void *converter, UErrorCode *status) { (void)converter; failed(status); return NULL; }
EXPORT void ucnv_getToUCallBack(const void *c, void **action, const void **context) { (void)c; if (action) *action = NULL; if (context) *context = NULL; }
EXPORT void ucnv_getFromUCallBack(const void *c, void **action, const void **context) { (void)c; if (action) *action = NULL; if (context) *context = NULL; }
EXPORT void ucnv_setToUCallBack(void *c, void *n, const void *nc, void **o, const void **oc, UErrorCode *status) { (void)c; (void)n; (void)nc; (void)o; (void)oc; failed(status); }
EXPORT void ucnv_setFromUCallBack(void *c, void *n, const void *nc, void **o, const void **oc, UErrorCode *status) { (void)c; (void)n; (void)nc; (void)o; (void)oc; failed(status); }
EXPORT void ucnv_cbToUWriteUChars(void *args, const void *source, int length, int offset, UErrorCode *status) { (void)args; (void)source; (void)length; (void)offset; failed(status); }
EXPORT void ucnv_cbFromUWriteUChars(void *args, const void **source, const void *limit, int offset, UErrorCode *status) { (void)args; (void)source; (void)limit; (void)offset; failed(status); }
EXPORT void ucnv_toUnicode(void *c, void **t, const void *tl, const char **s, const char *sl, int *o, signed char f, UErrorCode *status) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; failed(status); }
EXPORT void ucnv_fromUnicode(void *c, char **t, const char *tl, const void **s, const void *sl, int *o, signed char f, UErrorCode *status) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; failed(status); }
EXPORT int ucnv_toUCountPending(const void *c, UErrorCode *status) { (void)c; failed(status); return 0; }
EXPORT int ucnv_fromUCountPending(const void *c, UErrorCode *status) { (void)c; failed(status); return 0; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *status) { (void)name; (void)standard; failed(status); return NULL; }
EXPORT const char *ucnv_getAvailableName(int n) { (void)n; return NULL; }
EXPORT int ucnv_countAvailable(void) { return 0; }
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *ctx, void *args, const void *units, int length, int cp, int reason, UErrorCode *status) { (void)ctx; (void)args; (void)units; (void)length; (void)cp; (void)reason; failed(status); }
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *ctx, void *args, const char *units, int length, int reason, UErrorCode *status) { (void)ctx; (void)args; (void)units; (void)length; (void)reason; failed(status); }
