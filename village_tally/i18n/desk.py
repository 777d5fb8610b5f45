"""The desktop program's words for signing in, the People screen, the committee's work and the
audit screen (issue #11)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the sign-in screen (ui/sign_in_page.py)
    "ui.signin.heading": ("{village} · 请登录", "{village} · sign in"),
    "ui.signin.setup_heading": ("{village} · 指定文书", "{village} · name the secretary"),
    "ui.signin.person": ("{name}（{role}）", "{name} ({role})"),
    "ui.signin.who": ("您是哪一位？", "Who are you?"),
    "ui.signin.search": ("姓名或拼音首字母，如 mzr", "name or pinyin initials, e.g. mzr"),
    "ui.signin.pick": ("请先在左边选您的名字", "First pick your name on the left"),
    "ui.signin.pin_hint": ("密码（4 到 8 位数字）", "PIN (4 to 8 digits)"),
    "ui.signin.button": ("登录", "Sign in"),
    "ui.signin.ok": ("确定", "OK"),
    "ui.signin.no_pin": ("　还没有密码", "  no PIN yet"),
    "ui.signin.hint": ("离开电脑时按 Ctrl+L 锁定；一段时间不操作也会自动锁定"
                       "（“显示”菜单里设分钟数）。忘记密码请找文书重设。",
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
    "ui.recover.forgot": ("忘记密码？用恢复码重设", "Forgot the PIN? Use the recovery code"),
    "ui.recover.intro": ("{name}：请输入指定文书时交村委保管的恢复码，再设置新密码。",
                         "{name}: type the recovery code the committee keeps (given when the "
                         "secretary was named), then a new PIN."),
    "ui.recover.code": ("恢复码", "Recovery code"),
    "ui.recover.code_hint": ("如 1234-5678-9012", "e.g. 1234-5678-9012"),
    "ui.recover.back": ("返回登录（Esc）", "Back to signing in (Esc)"),
    "ui.recover.button": ("重设密码并登录", "Reset the PIN and sign in"),
    "ui.recover.done": ("{name} 的新密码已设好。新的恢复码：{recovery}\n"
                        "旧的恢复码已作废。请抄下新码交给村委保管；这个码只显示这一次。",
                        "{name}'s new PIN is set. New recovery code: {recovery}\nThe old code no "
                        "longer works. Write the new one down and keep it with the committee: "
                        "it is shown only this once."),
    "ui.signin.name_button": ("指定文书并登录", "Name the secretary and sign in"),
    "ui.signin.lock": ("锁定", "Lock"),
    "ui.signin.switch": ("换人", "Switch person"),
    "ui.menu.idle_lock": ("自动锁定…", "Lock when idle…"),
    "ui.signin.idle_minutes": ("多少分钟不操作就自动锁定（0 表示不锁定）：",
                               "Lock after this many idle minutes (0: never):"),
    # the People screen (ui/people_view.py)
    "ui.people.title": ("人员", "People"),
    "ui.people.open": ("人员…", "People…"),
    "ui.people.note": ("在这里添加信息员、村委委员和文书，分配片区，重设密码。停用的人不能再登录，"
                       "但账上的记录都保留，不会删除。",
                       "Add gatherers, committee members and secretaries here, give gatherers "
                       "their areas, reset PINs. A retired person can no longer sign in; their "
                       "records stay, nobody is deleted."),
    "ui.people.note_confirm": ("请确认 {count} 人：{names}。他们是开始用人员之前账上记录过的名字，"
                               "角色是按记录建议的。选中后点“修改…”确认角色和片区并设置密码，"
                               "或点“停用”。",
                               "{count} to confirm: {names}. These names were recorded in the "
                               "ledger before people signed in, with a suggested role. Select "
                               "one and press Change… to confirm the role and areas and set a "
                               "PIN, or Retire."),
    "ui.people.col.resident": ("本村村民", "Resident"),
    "ui.people.col.state": ("状态", "State"),
    "ui.people.resident": ("是（户号 {household}）", "yes (household {household})"),
    "ui.people.active": ("在用", "active"),
    "ui.people.retired": ("已停用", "retired"),
    "ui.people.to_confirm": ("待确认", "to confirm"),
    "ui.people.to_confirm_tip": ("{name} 是账上原有的名字（或还没有密码）："
                                 "确认角色并设置密码后才能登录",
                                 "{name} was named in the ledger before (or has no PIN): "
                                 "confirm the role and set a PIN before they can sign in"),
    "ui.people.add": ("添加人员…", "Add a person…"),
    "ui.people.edit": ("修改…", "Change…"),
    "ui.people.pin": ("重设密码…", "Reset PIN…"),
    "ui.people.retire": ("停用", "Retire"),
    "ui.people.reinstate": ("恢复", "Reinstate"),
    "ui.people.add_title": ("添加人员", "Add a person"),
    "ui.people.edit_title": ("修改 {name}", "Change {name}"),
    "ui.people.pin_title": ("重设 {name} 的密码", "Reset {name}'s PIN"),
    "ui.people.areas": ("负责片区（信息员）", "Areas (gatherers)"),
    "ui.people.resident_name": ("名册上的姓名", "Name on the roster"),
    "ui.people.resident_hint": ("本人也是村民时填写（空着：不是本村村民）",
                                "if the person is a resident too (empty: not a resident)"),
    "ui.people.household": ("户号（有同名时）", "Household (for namesakes)"),
    "ui.people.new_pin": ("新密码（不改就空着）", "New PIN (empty: unchanged)"),
    "ui.people.ask_retire": ("停用 {name}？停用后不能再登录；账上的记录都保留。",
                             "Retire {name}? They can no longer sign in; their records stay."),
    "ui.people.ask_reinstate": ("恢复 {name}？恢复后可以用原来的密码登录。",
                                "Reinstate {name}? They sign in with their PIN again."),
    # the entry screen's gatherer (ui/entry_view.py)
    "ui.entry.own_sheets": ("信息员只录入自己的登记表", "a gatherer types only her own sheets"),
    "ui.entry.not_yours": ("这是 {name} 的登记表，不是你的", "this is {name}'s sheet, not yours"),
    "ui.entry.sheet_owner": ("按单号：这是 {name} 的登记表", "by its number: {name}'s sheet"),
    "ui.entry.not_a_gatherer": ("“{name}”不是在用的信息员（可选：{names}）",
                                "'{name}' is not an active gatherer (choose {names})"),
    # the committee's pending list and closing a month (ui/pending_view.py, ui/month_view.py)
    "ui.pending.col.typist": ("录入人", "Typed by"),
    "ui.pending.col.why": ("为什么要审批", "Why it waits"),
    "ui.pending.title": ("审批", "Approve"),
    "ui.pending.approve": ("审批所选 {count} 条…", "Approve {count} selected…"),
    "ui.pending.ask": ("审批所选的 {count} 条积分？\n审批人：{name}。"
                       "每一条审批都单独记入操作记录。",
                       "Approve the {count} selected deeds?\nApproved by: {name}. Each approval "
                       "is written in the audit log."),
    "ui.pending.ask_cannot": ("其中 {count} 条你不能审批，会继续等待别的委员审批：",
                              "{count} of them you may not approve; they keep waiting for "
                              "another member:"),
    "ui.pending.approved": ("已审批 {count} 条。", "Approved {count}."),
    "ui.pending.not_approved": ("以下 {count} 条没有审批：", "These {count} were not approved:"),
    "ui.month.close_title": ("结账 {month}", "Close {month}"),
    "ui.month.ask_close": ("结账 {month}？\n\n结账后 {month} 的积分就定下来，不能再改：这个月不能再"
                           "录入、作废或审批，月度合计连同校验码存档，张榜和打印都按结账时的样子。\n"
                           "以后发现的错误，在当前月份（{open}）记一条调整，注明原来的那条积分。",
                           "Close {month}?\n\nOnce closed, {month} cannot change: no deed of it "
                           "can be entered, voided or approved; its tally is kept with a checksum, "
                           "and its board and prints stay as they were at closing.\nA mistake "
                           "found later is corrected by an adjustment in the open month ({open}) "
                           "that names the original deed."),
    "ui.month.close_yes": ("结账 {month}", "Close {month}"),
    # the audit screen (ui/audit_view.py)
    "ui.auditlog.open": ("操作记录…", "Audit log…"),
    "ui.auditlog.title": ("操作记录", "Audit log"),
    "ui.auditlog.anyone": ("所有人", "anyone"),
    "ui.auditlog.any_kind": ("所有操作", "any action"),
    "ui.auditlog.resident": ("村民：姓名或拼音首字母，同名写户号，如 马少军（0001）",
                             "resident: name or initials; namesakes with the household, "
                             "e.g. 马少军（0001）"),
    "ui.auditlog.since": ("从 YYYY-MM-DD", "from YYYY-MM-DD"),
    "ui.auditlog.until": ("到 YYYY-MM-DD", "to YYYY-MM-DD"),
    "ui.auditlog.show": ("查找", "Show"),
    "ui.auditlog.count": ("共 {count} 条，最新的在上面（时间为本机时间）",
                          "{count} entries, newest first (local times)"),
    "ui.auditlog.count_limited": ("最新的 {count} 条（用上面的条件找更早的）",
                                  "the newest {count} entries (filter to find older ones)"),
    "ui.auditlog.several": ("“{name}”有好几位：{names}。请写上户号，如 {names}",
                            "several residents match '{name}': {names}. Add the household"),
}
