#ifndef ARENA_NCURSES_SHIM_H
#define ARENA_NCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <sys/ioctl.h>
#include <ncursesw/curses.h>

static inline WINDOW *arena_stdscr(void) { return stdscr; }
static inline int arena_lines(void) { return LINES; }
static inline int arena_cols(void) { return COLS; }
static inline attr_t arena_a_bold(void) { return A_BOLD; }
static inline attr_t arena_a_reverse(void) { return A_REVERSE; }
static inline attr_t arena_a_underline(void) { return A_UNDERLINE; }
static inline attr_t arena_a_dim(void) { return A_DIM; }
static inline attr_t arena_a_normal(void) { return A_NORMAL; }
static inline int arena_color_pair(int n) { return COLOR_PAIR(n); }
static inline int arena_getmaxy(void) { int y, x; getmaxyx(stdscr, y, x); (void)x; return y; }
static inline int arena_getmaxx(void) { int y, x; getmaxyx(stdscr, y, x); (void)y; return x; }
static inline mmask_t arena_all_mouse_events(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t arena_button1_clicked(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED; }
static inline mmask_t arena_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline int arena_key_f(int n) { return KEY_F(n); }
static inline int arena_colors(void) { return COLORS; }
/* The terminal's size from the kernel, for resizing after SIGWINCH; 0 on failure. */
static inline int arena_winsize(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return 0;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 1;
}
/* wcwidth is X/Open: glibc declares it only under _XOPEN_SOURCE, which Swift's Glibc module is
   built without, so declare it here (the prototype is POSIX's). */
extern int wcwidth(wchar_t c);
static inline int arena_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }
/* The locale's character set after setlocale, e.g. "UTF-8". */
static inline const char *arena_codeset(void) { return nl_langinfo(CODESET); }
#endif
