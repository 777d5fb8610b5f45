"""The desktop program's words for signing in, the People screen, the committee's work and the
audit screen (issue #11)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the sign-in screen (ui/sign_in_page.py)
    "ui.signin.heading": ("{village} · 请登录", "{village} · sign in"),
    "ui.signin.setup_heading": ("{village} · 指定文书", "{village} · name the secretary"),
    "ui.signin.who": ("您是哪一位？", "Who are you?"),
    "ui.signin.search": ("姓名或拼音首字母，如 mzr", "name or pinyin initials, e.g. mzr"),
    "ui.signin.pick": ("请先在左边选您的名字", "First pick your name on the left"),
    "ui.signin.pin_hint": ("密码（4 到 8 位数字）", "PIN (4 to 8 digits)"),
    "ui.signin.button": ("登录", "Sign in"),
    "ui.signin.ok": ("确定", "OK"),
    "ui.signin.no_pin": ("　还没有密码", "  no PIN yet"),
    "ui.signin.hint": ("离开电脑时按 Ctrl+L 锁定；一段时间不操作也会自动锁定"
                       "（“查看”菜单里设分钟数）。忘记密码请找文书重设。",
                       "Press Ctrl+L to lock when you leave; the window also locks itself after "
                       "idle minutes (set them in the View menu). A forgotten PIN: the secretary "
                       "resets it."),
    "ui.signin.setup_hint": ("文书管理本村的人员：添加信息员和村委委员，设置他们的密码。",
                             "The secretary keeps the village's people: adds gatherers and "
                             "committee members and sets their PINs."),
    "ui.signin.setup": ("本村还没有文书。请指定文书（管理人员、名册、细则并结账的人）并设置密码。"
                        "账上原有的记录人、审批人会列为人员，由文书确认。",
                        "This village has no secretary yet. Name the secretary (who keeps the "
                        "people, the roster and the handbook, and closes months) with a PIN. "
                        "Names the ledger recorded before become people for the secretary to "
                        "confirm."),
    "ui.signin.name_button": ("指定文书并登录", "Name the secretary and sign in"),
    "ui.signin.lock": ("锁定", "Lock"),
    "ui.signin.switch": ("换人", "Switch person"),
    "ui.menu.idle_lock": ("自动锁定…", "Lock when idle…"),
    "ui.signin.idle_minutes": ("多少分钟不操作就自动锁定（0 表示不锁定）：",
                               "Lock after this many idle minutes (0: never):"),
}
