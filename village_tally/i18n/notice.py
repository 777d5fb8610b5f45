"""Messages of public notice, objections and the hand tally: services' problems, the command
line's words, and the desktop program's Month screen."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "action.publish": ("公示月度积分", "publish a month for notice"),
    "action.shorten_notice": ("缩短公示期", "shorten a notice period"),
    "action.object": ("登记村民异议", "record a villager's objection"),
    "action.answer": ("答复异议", "answer an objection"),
    "action.hand_tally": ("录入手工合计", "enter a hand tally"),
    "action.explain": ("说明手工合计的差异", "explain a hand-tally difference"),
    "authority.answer_recorded": ("{name} 记录了这条积分，不能答复对它的异议",
                                  "{name} recorded this deed and may not answer an "
                                  "objection to it"),
    "authority.answer_typed": ("{name} 录入了这条积分，不能答复对它的异议",
                               "{name} typed this deed in and may not answer an objection "
                               "to it"),
    "authority.answer_self": ("这条积分是 {name} 本人的，不能自己答复异议",
                              "this deed is {name}'s own: they may not answer an objection "
                              "to it"),
    "authority.answer_household": ("这条积分属于 {name} 的本户（{household}），不能自己答复异议",
                                   "this deed is for {name}'s household ({household}): they "
                                   "may not answer an objection to it"),
    "notice.days": ("公示天数“{value}”应在 1 到 {most} 天之间",
                    "a notice period of {value} days: it must be 1 to {most} days"),
    "notice.not_published": ("{month} 还没有公示", "{month} has not been published for notice"),
    "notice.shorten_range": ("公示期只能提前结束：{starts} 开始、原定 {current} 结束，"
                             "“{ends}”不在其间",
                             "a notice period can only end earlier: it began {starts} and "
                             "ends {current}; {ends} is not in between"),
    "notice.default_contact": ("村民委员会", "the villagers' committee"),
    "notice.default_place": ("村委会办公室", "the committee's office"),
    "objection.text_missing": ("请写下村民提出的异议内容", "write down what the villager says"),
    "objection.deed_void": ("积分 #{deed_id} 已作废，无需异议",
                            "deed #{deed_id} is void already: there is nothing to object to"),
    "objection.future": ("提出异议的日期 {date} 还没到", "the objection's date {date} is in the "
                                                       "future"),
    "objection.already_open": ("{name} 对积分 #{deed_id} 的异议还未答复",
                               "{name}'s objection to deed #{deed_id} is still unanswered"),
    "objection.unknown": ("没有编号为 {id} 的异议", "there is no objection #{id}"),
    "objection.answered": ("异议 #{id} 已经答复过", "objection #{id} has been answered already"),
    "objection.void_reason": ("异议 #{id} 成立：{reason}", "objection #{id} upheld: {reason}"),
    "month.on_notice": ("{month} 正在公示，{ends} 之后才能结账（书记可说明理由提前结束公示）",
                        "{month} is on public notice until {ends} and cannot close before "
                        "then (a secretary may shorten the period, with a reason)"),
    "month.open_objections": ("{month} 还有 {count} 条异议未答复（{ids}），答复后才能结账",
                              "{month} has {count} unanswered objection(s) ({ids}): answer "
                              "them before closing"),
    "hand.scope": ("手工合计只能按片区或登记表：“{scope}”", "a hand tally is for an area or a "
                                                        "sheet, not '{scope}'"),
    "hand.area_unknown": ("没有片区“{area}”，可选：{choices}",
                          "there is no area '{area}'; the areas are: {choices}"),
    "hand.sheet_missing": ("请写登记表编号", "name the sheet"),
    "hand.twice": ("“{key}”的手工合计填了两次", "two hand totals for '{key}'"),
    "hand.explanation_missing": ("请说明“{key}”的差异", "explain the difference for '{key}'"),
    "hand.nothing_to_explain": ("“{key}”没有手工合计，无差异可说明",
                                "there is no hand total for '{key}' to explain"),
    "hand.differs": ("“{key}”手工合计 {hand}，账上 {ledger}，相差 {gap}；相关记录：{deeds}。"
                     "请更正或说明差异",
                     "'{key}': the hand tally says {hand}, the ledger {ledger}, a difference "
                     "of {gap}; the deeds behind it: {deeds}. Correct it or explain it"),
    # the command line
    "cli.help.publish": ("公示一个月的积分（公示期、联系人、地点）",
                         "publish a month for public notice (period, contact, place)"),
    "cli.help.object": ("代村民登记对一条积分的异议", "record a villager's objection to a deed"),
    "cli.help.answer": ("答复异议：成立（作废或调整）或不成立", "answer an objection: uphold "
                                                         "(void or adjust) or reject"),
    "cli.help.objections": ("异议列表（剩余答复天数）",
                            "the objection queue (days left to answer)"),
    "cli.help.until": ("提前结束公示的日期（书记，需 --reason）",
                       "end the notice period on this day instead (a secretary, with "
                       "--reason)"),
    "cli.help.hand_tally": ("信息员手工合计：片区=合计",
                            "a gatherer's calculator total: AREA=TOTAL"),
    "cli.help.hand_sheet": ("信息员手工合计：登记表=合计", "a gatherer's calculator total: "
                                                       "SHEET=TOTAL"),
    "cli.help.explain": ("说明差异：片区或登记表=说明", "explain a difference: AREA_OR_SHEET=TEXT"),
    "cli.hand_format": ("“{value}”应写成 名称=数字", "'{value}' should read NAME=NUMBER"),
    "cli.published": ("{month} 公示：{starts} 至 {ends}，异议请于 {ends} 前提出",
                      "{month} on public notice from {starts} to {ends}; objections until {ends}"),
    "cli.republished": ("重新公示，公示期重新计算（原为 {starts} 至 {ends}）",
                        "published again: the notice period restarts (it was {starts} to {ends})"),
    "cli.shortened": ("{month} 公示期提前至 {ends} 结束",
                      "{month}'s notice period now ends {ends}"),
    "cli.objected": ("已登记异议 #{id}：{name} 对积分 #{deed_id}，须于 {due} 前答复",
                     "objection #{id} recorded: {name} on deed #{deed_id}, to be answered "
                     "by {due}"),
    "cli.upheld": ("异议 #{id} 成立，积分 #{deed_id} 已更正", "objection #{id} upheld: deed "
                                                         "#{deed_id} corrected"),
    "cli.rejected": ("异议 #{id} 不成立，已答复", "objection #{id} rejected and answered"),
    "cli.no_objections": ("没有待答复的异议", "no objections waiting"),
    "col.objection": ("异议", "Objection"),
    "col.deed": ("积分记录", "Deed"),
    "col.raised_by": ("提出人", "Raised by"),
    "col.raised_on": ("提出日期", "Raised on"),
    "col.says": ("异议内容", "What they say"),
    "col.days_left": ("剩余天数", "Days left"),
    "col.answer": ("答复", "Answer"),
    "objection.open_mark": ("异议待复核", "objection open"),
    "objection.upheld": ("成立", "upheld"),
    "objection.rejected": ("不成立", "rejected"),
    "objection.waiting": ("待答复", "waiting"),
    "print.objection.title": ("异议与答复", "Objections and answers"),
    "print.objection.waiting": ("待答复（{due} 前）", "waiting for an answer (by {due})"),
    "print.objection.answered": ("{verdict}：{reason}（{by}，{at}）",
                                 "{verdict}: {reason} ({by}, {at})"),
    # the Month screen
    "ui.notice.publish": ("公示(&P)", "&Publish"),
    "ui.notice.none": ("{month} 尚未公示", "{month} has not been published"),
    "ui.notice.period": ("公示期 {starts} 至 {ends}；异议请找 {contact}（{place}）",
                         "On notice {starts} to {ends}; objections to {contact} ({place})"),
    "ui.notice.queue": ("异议待答复（20 天内）", "Objections waiting (answered within 20 days)"),
    "ui.notice.reason": ("答复理由（回车：不成立）", "Reason for the answer (Enter: reject)"),
    "ui.notice.uphold": ("成立(&U)", "&Uphold"),
    "ui.notice.reject": ("不成立(&J)", "Re&ject"),
    "ui.notice.hand_key": ("片区", "Area"),
    "ui.notice.hand_total": ("信息员手工合计（回车录入）", "Gatherer's hand total (Enter)"),
    "ui.notice.hand_enter": ("录入手工合计(&H)", "Enter &hand total"),
    "ui.notice.explanation": ("差异说明（回车保存）", "Explanation of the difference (Enter)"),
    "ui.notice.explain": ("说明差异(&E)", "&Explain"),
    "ui.notice.difference": ("{key}：手工 {hand}，账上 {ledger}，差 {gap}（{deeds}）— {state}",
                             "{key}: hand {hand}, ledger {ledger}, difference {gap} "
                             "({deeds}) — {state}"),
    "ui.notice.agrees": ("一致", "agrees"),
    "ui.notice.unexplained": ("未说明，不能结账", "unexplained: the month cannot close"),
    "ui.notice.no_hand": ("尚未录入手工合计", "no hand totals entered"),
    "ui.handbook.notice_days": ("公示天数", "Days on public notice"),
    "ui.handbook.notice_contact": ("异议联系人", "Objections to (who)"),
    "ui.handbook.notice_place": ("异议受理地点", "Objections taken at (where)"),
    "audit.kind.notice": ("公示与异议", "notice and objections"),
    "log.publish.notice": ("公示 {month}：{starts} 至 {ends}", "published {month} for notice: "
                                                            "{starts} to {ends}"),
    "log.shorten.notice": ("把 {month} 的公示期提前至 {ends} 结束，原因：{reason}",
                           "ended {month}'s notice period early on {ends}: {reason}"),
    "log.object.objection": ("登记 {raised_by}（{household}）对积分 #{deed_id} 的异议 "
                             "#{entity_id}：{text}",
                             "recorded {raised_by}'s ({household}) objection #{entity_id} "
                             "to deed #{deed_id}: {text}"),
    "log.answer.answer": ("答复异议 #{objection_id}：{verdict}，{reason}",
                          "answered objection #{objection_id}: {verdict}, {reason}"),
    "log.hand_total.hand_tally": ("录入 {month} “{key}”的手工合计 {total}",
                                  "entered {month}'s hand total for '{key}': {total}"),
    "log.explain.hand_tally": ("说明 {month} “{key}”的差异：{explanation}",
                               "explained {month}'s difference for '{key}': {explanation}"),
    # labels of the fields a problem may name, in the desktop program
    "ui.place.days": ("公示天数", "Notice days"),
    "ui.place.contact": ("联系人", "Contact"),
    "ui.place.place": ("地点", "Place"),
    "ui.place.ends": ("公示结束日期", "Notice ends"),
    "ui.place.objection": ("异议", "Objection"),
    "ui.place.raised_by": ("提出人", "Raised by"),
    "ui.place.hand_tally": ("手工合计", "Hand tally"),
    "ui.place.explanation": ("差异说明", "Explanation"),
}
