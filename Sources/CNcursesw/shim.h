#ifndef ARENA_NCURSES_SHIM_H
#define ARENA_NCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
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
#endif
