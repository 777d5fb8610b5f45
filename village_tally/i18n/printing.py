"""Messages of printing: the words on the board, the door signs, statements, tally sheets,
rewards lists and blank forms, and the printing services' problems."""

MESSAGES: dict[str, tuple[str, str]] = {
    # every page
    "print.page": ("第 {page} 页 / 共 {pages} 页", "page {page} of {pages}"),
    "print.printed": ("打印日期 {date}", "printed {date}"),
    "print.checksum": ("本月已结账，校验码 {checksum}", "month closed, checksum {checksum}"),
    "print.draft": ("草稿 · 公示用", "DRAFT · for public notice"),
    "print.month": ("{year}年{month}月", "{ym}"),
    "print.household": ("{code}户", "household {code}"),
    "print.door_plate": ("门牌 {plate}", "door {plate}"),
    "print.no_area": ("未分片", "no area"),
    # bulletin board
    "print.board.title": ("{village}积分榜", "{village} points board"),
    "print.board.closed": ("本月已结账", "month closed"),
    "print.board.draft_note": ("本月尚未结账，草稿供公示", "month still open: a draft for notice"),
    "print.board.basis": ("星和旗按截至月底的累计积分计算；总分为零或以下不显示",
                          "stars and flags count all approved points to the month's end; "
                          "a total of zero or less shows none"),
    "print.legend.star": ("＝{points}分", "= {points} point(s)"),
    "print.legend.flag": ("＝{stars}颗星＝{points}分", "= {stars} stars = {points} points"),
    "print.board.models": ("榜样", "Role models"),
    "print.board.models_note": ("累计积分最高的村民；同分同名次，并列的一起上榜或一起不上",
                                "the highest totals; equal totals share a rank, and are in or "
                                "out together"),
    "print.board.rank_note": ("；按累计积分排名，只列累计积分在零以上的村民，同分同名次",
                              "; ranked by total, listing only totals above zero; equal totals "
                              "share a rank"),
    "print.board.change": ("本月 {points}", "month {points}"),
    "print.board.col.name": ("姓名", "Name"),
    "print.board.col.marks": ("旗和星", "Flags and stars"),
    "print.board.col.total": ("累计", "Total"),
    "print.board.col.change": ("本月", "Month"),
    "print.board.col.score": ("得分", "Score"),
    "print.board.col.grade": ("等级", "Grade"),
    "print.board.namesake": ("{household}户", "household {household}"),
    "print.board.household_total": ("全户 {points} 分", "household {points}"),
    "print.board.did": ("事迹：{items}", "For: {items}"),
    "print.board.did_item": ("{title}×{n}", "{title} ×{n}"),
    "print.board.continued": ("{area}（续）", "{area} (continued)"),
    "print.board.statement_how": (
        "想知道自己每一笔积分是怎么来的？请到村委会或找本片信息员，打印一份自己的《村民积分明细》。",
        "To see every entry behind your points, ask the village committee or your area's "
        "gatherer to print your own statement."),
    "print.legend.score": ("得分＝基础分 {base}＋累计积分", "score = base {base} + total"),
    "print.legend.range": ("（{floor}–{ceiling}）", " ({floor}–{ceiling})"),
    "print.legend.grades": ("；等级 {grades}", "; grades {grades}"),
    "print.legend.cap": ("；{title}者 {months} 个月内等级最高为 {grade}",
                         "; {title}: grade at most {grade} for {months} months"),
    "print.issuer": ("{village}村民委员会", "{village} Villagers' Committee"),
    "print.seal": ("（盖章）", "(seal)"),
    "print.paper_note": ("{paper} 纸", "{paper} paper"),
    "print.date": ("{year}年{month}月{day}日", "{iso}"),
    "print.notice": ("公示期：{start} 至 {end}。"
                     "如有异议，请于 {until} 前到{place}找{contact} 提出。",
                     "On public notice from {start} to {end}. Objections until {until}: "
                     "{contact}, {place}."),
    # door signs
    "print.sign.title": ("星级文明户", "Household star rating"),
    "print.sign.head": ("户主：{name}", "Head: {name}"),
    "print.sign.quarter": ("{year}年第{q}季度", "{year} quarter {q}"),
    "print.sign.level": ("{stars}星级文明户", "{stars}-star household"),
    "print.sign.working": ("文明户创建中", "Working towards a star household"),
    "print.sign.door": ("门牌：{plate}", "Door: {plate}"),
    "print.sign.code": ("户号：{code}", "Household: {code}"),
    "print.sign.cut": ("沿虚线剪开", "cut along the dashed line"),
    # statement
    "print.statement.title": ("村民积分明细", "Resident points statement"),
    "print.statement.who": ("{name}　{household}户　{area}",
                            "{name}, household {household}, {area}"),
    "print.statement.col.date": ("日期", "Date"),
    "print.statement.col.deed": ("事项", "Deed"),
    "print.statement.col.points": ("积分", "Points"),
    "print.statement.col.recorder": ("记录人", "Recorded by"),
    "print.statement.typed_by": ("{recorder}（{typist} 录入）", "{recorder} (typed by {typist})"),
    "print.statement.col.source": ("来源", "Source"),
    "print.statement.col.status": ("状态", "Status"),
    "print.statement.month_total": ("本月计入 {points} 分，累计 {total} 分",
                                    "counted this month {points}, running total {total}"),
    "print.statement.total": ("合计：已计入 {total} 分；待审批 {pending} 分（不计入）",
                              "Total counted: {total}; pending approval {pending} (not counted)"),
    "print.statement.none": ("没有任何记录。", "No entries."),
    "print.statement.score": ("得分 {score}", "score {score}"),
    "print.statement.grade": ("，等级 {grade}", ", grade {grade}"),
    "print.statement.capped": ("（{title}：{until} 前等级最高为 {grade}）",
                               " ({title}: grade at most {grade} until {until})"),
    "print.statement.month_score": ("本月计入 {points} 分，{score}",
                                    "counted this month {points}, {score}"),
    "print.statement.limits": ("，得分在 {floor}–{ceiling} 之间",
                               ", kept within {floor}–{ceiling}"),
    "print.statement.score_total": ("现在{score}（基础分 {base}，各条合计 {total} 分{limits}）；"
                                    "待审批 {pending} 分（不计入）",
                                    "Now {score} (base {base}, entries {total}{limits}); pending "
                                    "approval {pending} (not counted)"),
    "print.status.approved": ("有效", "counted"),
    "print.status.approved_by": ("有效，{by} 审批", "counted, approved by {by}"),
    "print.status.pending": ("待审批（不计入）", "awaiting approval (not counted)"),
    "print.status.void": ("已作废：{reason}（{by}）", "void: {reason} ({by})"),
    "print.status.adjusts": ("更正第 {id} 号记录", "corrects entry no. {id}"),
    "print.status.replaces": ("替换第 {id} 号记录", "replaces entry no. {id}"),
    "print.status.override": ("超上限：{reason}", "over the cap: {reason}"),
    "print.source.sheet": ("记分单 {sheet} 第 {line} 行", "sheet {sheet} line {line}"),
    "print.source.sheet_only": ("记分单 {sheet}", "sheet {sheet}"),
    "print.source.file": ("{file} 第 {row} 行", "{file} row {row}"),
    "print.source.none": ("—", "—"),
    "print.statement.object": (
        "如何提出异议：如果您认为某条记录有误，请在公示期内带上本明细，向本片信息员或村委会"
        "说明是哪一条（日期和编号）以及理由。村委会核实后，会作废错误的记录并写明原因，"
        "必要时补记正确的记录；已结账月份的更正记在当月，并注明更正的是哪一条。"
        "每一次更改都有记录人和时间，可以随时再打印明细核对。",
        "How to object: if you think an entry is wrong, bring this statement to your area's "
        "information gatherer or to the village committee during the notice period and say "
        "which entry (its date and number) and why. When the committee has checked it, the "
        "wrong entry is voided with the reason written down and, if needed, the right one is "
        "recorded; a correction to a closed month is recorded in the current month and names "
        "the entry it corrects. Every change keeps who made it and when, and you can print "
        "this statement again at any time to check."),
    "print.statement.no": ("编号", "No."),
    # tally sheet
    "print.tally.title": ("{village} {month} 积分统计表", "{village} tally sheet {month}"),
    "print.tally.col.no": ("序号", "No."),
    "print.tally.col.name": ("姓名", "Name"),
    "print.tally.col.household": ("户号", "Household"),
    "print.tally.col.area": ("片区", "Area"),
    "print.tally.col.marks": ("旗/星", "Flags/stars"),
    "print.tally.sums": ("合计", "Sum"),
    "print.tally.sign": ("统计人：＿＿＿＿＿＿　复核人：＿＿＿＿＿＿　日期：＿＿＿＿＿＿",
                         "Tallied by: __________  Checked by: __________  Date: __________"),
    # rewards
    "print.rewards.title": ("{village} {month} 积分兑换奖励名单",
                            "{village} rewards list {month}"),
    "print.rewards.brackets": ("奖励档次", "Reward brackets"),
    "print.rewards.bracket": ("{name}：{basis} ≥ {minimum} 分 → {goods}",
                              "{name}: {basis} ≥ {minimum} points → {goods}"),
    "print.rewards.basis.total": ("累计积分", "total points"),
    "print.rewards.basis.month": ("本月积分", "this month's points"),
    "print.rewards.rice": ("大米 {n} 斤", "rice {n} jin"),
    "print.rewards.oil": ("食用油 {n} 桶", "cooking oil {n} bottle(s)"),
    "print.rewards.cash": ("现金 {n} 元", "cash {n} yuan"),
    "print.rewards.col.bracket": ("档次", "Bracket"),
    "print.rewards.col.rice": ("大米（斤）", "Rice (jin)"),
    "print.rewards.col.oil": ("食用油（桶）", "Oil (bottles)"),
    "print.rewards.col.cash": ("现金（元）", "Cash (yuan)"),
    "print.rewards.col.signature": ("领取签字", "Signature"),
    "print.rewards.col.date": ("领取日期", "Date received"),
    "print.rewards.sign": ("经办人：＿＿＿＿＿＿　审核人：＿＿＿＿＿＿　发放日期：＿＿＿＿＿＿",
                           "Handed out by: __________  Checked by: __________  "
                           "Date: __________"),
    "print.rewards.sums": ("合计：{people} 人，大米 {rice} 斤，食用油 {oil} 桶，现金 {cash} 元",
                           "Total: {people} people, rice {rice} jin, oil {oil} bottles, "
                           "cash {cash} yuan"),
    "print.rewards.nobody": ("本月没有人达到奖励档次。", "Nobody reached a reward bracket."),
    # blank forms
    "print.form.village": ("村：{village}", "Village: {village}"),
    "print.form.area": ("片区：{area}", "Area: {area}"),
    "print.form.sheet_no": ("单号：{number}", "Sheet no.: {number}"),
    "print.form.rules": ("本片积分细则", "Rule codes"),
    "print.form.rule_line": ("{code} {title} {points}分/{unit}", "{code} {title} {points}/{unit}"),
    "print.form.cap": ("（每月最多 {cap}）", " (at most {cap} a month)"),
    "print.form.grade_cap": ("（{months} 个月内等级最高为 {grade}）",
                             " (grade at most {grade} for {months} months)"),
    "print.form.households": ("本片户数：{count}", "Households in the area: {count}"),
    # problems
    "print.paper_unknown": ("纸张“{value}”不支持，可选：{choices}",
                            "paper '{value}' is not supported; choose {choices}"),
    "print.order_unknown": ("排列方式“{value}”不支持，可选：{choices}",
                            "order '{value}' is not supported; choose {choices}"),
    "print.no_categories": (
        "本村的积分方案没有门牌评星的类别（例如杨桥村的五项），无法打印门牌；"
        "请先在方案里设置类别",
        "this village's scheme has no door-sign categories (Yangqiao has five), so there are no "
        "signs to print; add categories to the scheme first"),
    "print.no_households": ("没有可打印的户", "there are no households to print"),
    "print.quarter_unrated": ("{quarter} 还没有任何一户评过星，没有门牌可打印；请先录入评星",
                              "no household has been rated for {quarter}, so there are no signs "
                              "to print; enter the ratings first"),
    "print.area_unknown": ("没有片区“{value}”，可选：{choices}",
                           "there is no area '{value}'; choose {choices}"),
    "print.form_unknown": ("没有表格“{value}”，可选：{choices}",
                           "there is no form '{value}'; choose {choices}"),
    "print.form_invalid": ("表格定义 {file} 有误：{detail}",
                           "the form file {file} is wrong: {detail}"),
    "print.brackets_invalid": ("奖励档次文件 {file} 有误：{detail}",
                               "the reward brackets file {file} is wrong: {detail}"),
    "print.brackets_not_text": ("奖励档次文件 {file} 不是 UTF-8 文本（JSON）文件",
                                "the reward brackets file {file} is not UTF-8 text (JSON)"),
    "print.out_not_pdf": ("输出文件“{value}”应以 .pdf 结尾",
                          "the output '{value}' should end in .pdf"),
    "print.written": ("已写入 {path}（{pages} 页）", "wrote {path} ({pages} pages)"),
    "print.missing_chars": ("注意：以下字符没有字体可以打印，显示为方框：{chars}",
                            "note: no shipped font has these characters; they print as boxes: "
                            "{chars}"),
    "print.unrated": ("注意：{count} 户本季度还没有评星，没有打印门牌：{households}",
                      "note: {count} household(s) have no rating this quarter and got no sign: "
                      "{households}"),
}
MESSAGES["print.per_sheet"] = ("每张纸的门牌数“{value}”只能是 1 或 2",
                               "signs per sheet '{value}' must be 1 or 2")
MESSAGES["print.sheets_invalid"] = ("张数“{value}”应在 1 到 1000 之间，起始号至少为 1",
                                    "the number of sheets '{value}' must be 1 to 1000, and the "
                                    "first number at least 1")
MESSAGES["rewards.invalid"] = ("奖励档次有误：{detail}", "the reward brackets are wrong: {detail}")
MESSAGES["form.invalid"] = ("表格定义 {file} 有误：{detail}",
                            "the form file {file} is wrong: {detail}")
MESSAGES.update({
    "cli.help.board": ("打印月度积分榜（PDF）", "print the month's bulletin board (PDF)"),
    "cli.help.paper": ("纸张：A4、A3 或 A2（默认 {paper}）；"
                       "字号和栏数按纸张排，A3、A2 可在两米外看清",
                       "paper: A4, A3 or A2 (default {paper}); type and columns are laid out for "
                       "the paper, A3 and A2 readable from two metres"),
    "cli.help.order": ("排列：area 按片区、household 按户号、rank 按名次（只列零分以上）",
                       "order: area, household, or rank (only totals above zero)"),
    "cli.help.signs": ("打印各户星级门牌（PDF）", "print the household door signs (PDF)"),
    "cli.help.statement": ("打印村民积分明细（PDF）", "print a resident's statement (PDF)"),
    "cli.help.forms": ("打印空白记录单或评议表（PDF）",
                       "print blank field sheets or inspection sheets (PDF)"),
    "cli.help.tally_sheet": ("打印月度积分统计表（PDF）", "print the month's tally sheet (PDF)"),
    "cli.help.rewards": ("打印积分兑换奖励名单（PDF）", "print the month's rewards list (PDF)"),
    "cli.help.brackets": ("奖励档次 JSON 文件（默认用本村保存的档次）",
                          "reward brackets as a JSON file (default: the village's own)"),
    "cli.help.brackets_save": ("把 --brackets 的档次保存为本村档次，以后默认使用",
                               "keep the --brackets file's brackets as the village's own"),
    # the committee's reward brackets
    "rewards.empty": ("奖励档次不能为空", "there must be at least one reward bracket"),
    "rewards.basis": ("计奖依据“{value}”无效：应为 total（累计）或 month（本月）",
                      "the basis '{value}' is not valid: use total or month"),
    "rewards.name_missing": ("第 {n} 档没有名称", "bracket {n} has no name"),
    "rewards.amount_negative": ("第 {n} 档（{name}）的奖品数量不能为负数",
                                "bracket {n} ({name}) has a negative amount"),
    "rewards.minimum_repeated": ("第 {n} 档的最低分 {minimum} 与前面的档次重复",
                                 "bracket {n} repeats the minimum {minimum} of an earlier one"),
})
