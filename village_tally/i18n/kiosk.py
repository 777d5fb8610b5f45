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
    "period.month": ("每月", "a month"),
    "period.quarter": ("每季度", "a quarter"),
    "period.year": ("每年", "a year"),
}
