"""Messages of the desktop program: every visible string, in Simplified Chinese and English."""

MESSAGES: dict[str, tuple[str, str]] = {
    "ui.app.title": ("村务积分", "Village Tally"),
    "ui.cancelled": ("已取消，未写入任何内容", "Cancelled; nothing was written"),
    "ui.working": ("正在处理…", "Working…"),
    "ui.cancel": ("取消", "Cancel"),
    # entry
    "ui.entry.tab": ("录入登记表", "Enter a sheet"),
    "ui.entry.sheet": ("单号", "Sheet no."),
    "ui.entry.sheet_hint": ("登记表右上角的单号", "the number at the top of the paper sheet"),
    "ui.entry.gatherer": ("信息员", "Gatherer"),
    "ui.entry.date": ("日期", "Date"),
    "ui.entry.col.no": ("行", "Line"),
    "ui.entry.col.date": ("日期", "Date"),
    "ui.entry.col.name": ("姓名", "Name"),
    "ui.entry.col.household": ("户号 片区", "Household, area"),
    "ui.entry.col.rule": ("细则", "Rule"),
    "ui.entry.col.quantity": ("数量", "Qty"),
    "ui.entry.col.points": ("积分", "Points"),
    "ui.entry.col.reason": ("超限原因", "Reason over cap"),
    "ui.entry.col.status": ("状态", "Status"),
    "ui.entry.candidates": ("候选（↑↓ 选择，回车确定）", "Choices (↑↓ to pick, Enter to take)"),
    "ui.entry.keys": ("回车：下一格，最后一格保存本行\nCtrl+Z：撤销上一行\nEsc：清空本行\n"
                      "PgDn：跳过本行",
                      "Enter: next field; the last one saves the line\nCtrl+Z: undo the last "
                      "line\nEsc: clear the line\nPgDn: skip the line"),
    "ui.entry.head": ("户主", "head"),
    "ui.entry.need_sheet": ("请先填写单号", "fill in the sheet number first"),
    "ui.entry.need_gatherer": ("请先填写信息员", "fill in the gatherer first"),
    "ui.entry.will_be_pending": ("保存后需村委审批", "will wait for the committee's approval"),
    "ui.entry.saved": ("已保存 #{deed_id}（{points}）", "saved #{deed_id} ({points})"),
    "ui.entry.saved_pending": ("已保存 #{deed_id}（{points}），待审批",
                               "saved #{deed_id} ({points}), pending approval"),
    "ui.entry.undone": ("已撤销 #{deed_id}，可重新录入本行",
                        "#{deed_id} undone; enter the line again"),
    "ui.entry.summary": ("本单已保存 {lines} 行，合计 {points} 分",
                         "{lines} lines saved on this sheet, {points} points in all"),
}
