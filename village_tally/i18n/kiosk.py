"""Words of a way back (lapses, cap periods) and of the village-hall screen (the kiosk)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # caps by period
    "deed.cap_reached_quarter": (
        "{name} 本季度“{code}”已记 {used}{unit}，上限 {cap}；超出需要写明原因",
        "{name} has {used} {unit} of {code} this quarter, the cap is {cap}; going beyond "
        "needs a reason"),
    "deed.cap_reached_year": (
        "{name} 今年“{code}”已记 {used}{unit}，上限 {cap}；超出需要写明原因",
        "{name} has {used} {unit} of {code} this year, the cap is {cap}; going beyond needs "
        "a reason"),
    "rule.cap_period": ("上限周期“{value}”不对：应为 {choices} 之一",
                        "the cap period '{value}' is not one of {choices}"),
    "rule.lapse_months": ("扣分恢复的月数“{value}”应为 1 到 {most} 的整数",
                          "the months after which deductions lapse, '{value}', must be a whole "
                          "number from 1 to {most}"),
    "deed.lapsed": ("记录 #{deed_id} 的扣分已于 {month} 起不再计入（信用修复），不能再作废或更正",
                    "deed #{deed_id} lapsed in {month} and no longer counts (a way back); it "
                    "cannot be voided or corrected"),
    "action.kiosk": ("开启村务大厅自助屏", "open the village-hall screen"),
    "kiosk.good_deeds_only": ("自助屏只能报告好事：细则 {code} 不是加分项",
                              "only good deeds are reported at the screen: rule {code} gives "
                              "no points"),
    "log.report.deed": ("自助屏报告 #{deed}：{resident}（{household}）{title} {points}，待审批",
                        "reported at the screen #{deed}: {resident} ({household}) {title} "
                        "{points}, waiting for approval"),
    "print.status.lapsed": ("{month} 起不再计入（信用修复）",
                            "no longer counts from {month} (a way back)"),
    "print.statement.lapse": ("信用修复：#{id} {deed} 不再计入", "a way back: #{id} {deed} "
                              "no longer counts"),
    "print.source.kiosk": ("村务大厅自助屏", "the village-hall screen"),
    "print.statement.reported": ("{recorder}（自助屏报告）", "{recorder} (reported at the screen)"),
    "ui.handbook.cap_period": ("上限周期", "Cap counts per"),
    "ui.handbook.lapse": ("扣分恢复（信用修复）", "Deductions lapse after"),
    "ui.handbook.lapse_never": ("从不", "never"),
    "ui.handbook.lapse_suffix": (" 个月无同类扣分", " clean months"),
    # the village-hall screen
    "kiosk.title": ("{village} 村务大厅自助屏", "{village} village-hall screen"),
    "kiosk.welcome": ("输入门牌号和姓名，查看您家的积分，或报告好人好事。",
                      "Type your door number and name to see your points or report a good "
                      "deed."),
    "kiosk.door": ("门牌号", "Door number"),
    "kiosk.door_hint": ("门牌上的号码，如 12", "the number on your door, e.g. 12"),
    "kiosk.name": ("姓名", "Name"),
    "kiosk.find": ("查找", "Find"),
    "kiosk.not_found": ("没有找到：请核对门牌号和姓名", "Not found: check the door number and "
                        "the name"),
    "kiosk.ask_office": ("这户有同名的人，请到村委会办公室查询",
                         "More than one person has this name here: please ask at the "
                         "committee's office"),
    "kiosk.board": ("看本月公示榜", "This month's board"),
    "kiosk.board_title": ("{month} 积分榜（草稿，以村委公示为准）",
                          "Board for {month} (draft: the committee's posted board counts)"),
    "kiosk.col.flags": ("红旗", "Flags"),
    "kiosk.col.stars": ("红星", "Stars"),
    "kiosk.col.score": ("得分", "Score"),
    "kiosk.col.deed": ("事项", "Deed"),
    "kiosk.col.status": ("状态", "Status"),
    "kiosk.back": ("返回", "Back"),
    "kiosk.who": ("{name}（{household} 户）的积分明细",
                  "Statement of {name} (household {household})"),
    "kiosk.total": ("累计积分 {total}", "Total {total}"),
    "kiosk.print": ("打印我的积分单", "Print my statement"),
    "kiosk.report": ("报告好人好事", "Report a good deed"),
    "kiosk.done": ("完成", "Done"),
    "kiosk.report_hint": ("报告的好事要经村委审核后才计分。", "A reported deed counts once the "
                          "committee has approved it."),
    "kiosk.whose": ("谁做的好事", "Whose deed"),
    "kiosk.whose_me": ("我自己", "Mine"),
    "kiosk.whose_neighbour": ("邻居", "A neighbour's"),
    "kiosk.neighbour_door": ("邻居门牌号", "Neighbour's door number"),
    "kiosk.neighbour_name": ("邻居姓名", "Neighbour's name"),
    "kiosk.neighbour_not_found": ("没有找到这位邻居：请核对门牌号和姓名",
                                  "No such neighbour: check the door number and the name"),
    "kiosk.deed": ("好事", "Good deed"),
    "kiosk.note": ("说明", "What happened"),
    "kiosk.note_hint": ("如：陪父亲去镇医院", "e.g. took his father to the town hospital"),
    "kiosk.send": ("提交", "Send"),
    "kiosk.sent": ("已提交（记录 #{id}），等村委审核后计分。谢谢！",
                   "Sent (deed #{id}); it counts once the committee approves it. Thank you!"),
    "kiosk.staff_exit": ("工作人员", "Staff"),
    "kiosk.exit_title": ("关闭自助屏", "Close the screen"),
    "kiosk.open_title": ("开启自助屏", "Open the screen"),
    "kiosk.exit_hint": ("村委成员或文书输入 PIN", "A committee member or the secretary types "
                        "their PIN"),
    "kiosk.staff": ("工作人员", "Who"),
    "kiosk.pin": ("PIN", "PIN"),
    "ui.menu.kiosk": ("自助屏模式…", "Village-hall screen…"),
    "cli.help.kiosk": ("以村务大厅自助屏方式打开桌面程序（需村委成员 PIN）",
                       "open the desktop program as the village-hall screen (a committee "
                       "member's PIN opens and closes it)"),
    "cli.kiosk_with_command": ("--kiosk 只用于打开桌面程序，不能和命令一起用",
                               "--kiosk opens the desktop program; it takes no command"),
    "col.lapsed": ("扣分恢复", "Lapsed"),
    "ui.place.cap_period": ("上限周期", "Cap counts per"),
    "ui.place.lapse": ("扣分恢复", "Deductions lapse after"),
    "period.month": ("每月", "a month"),
    "period.quarter": ("每季度", "a quarter"),
    "period.year": ("每年", "a year"),
}
