"""Messages of the proof: what verify finds, damage, the verification code, restoring a backup,
and acknowledging a difference."""

from __future__ import annotations

_COLUMNS: dict[str, tuple[str, str]] = {
    "id": ("编号", "id"), "village_id": ("村庄", "village"), "name": ("名字", "name"),
    "preset": ("方案", "scheme"), "settings": ("积分设置", "scheme settings"),
    "created_at": ("创建时间", "created at"), "code": ("编号", "code"),
    "title_zh": ("中文名称", "Chinese title"), "title_en": ("英文名称", "English title"),
    "points_h": ("分值", "points"), "unit_zh": ("中文单位", "Chinese unit"),
    "unit_en": ("英文单位", "English unit"), "cap_h": ("每月上限", "monthly cap"),
    "approval_above_h": ("审批门槛", "approval threshold"),
    "document_required": ("需要文号", "document required"),
    "grade_cap": ("等级上限", "grade cap"),
    "grade_cap_months": ("等级上限月数", "grade cap months"),
    "active": ("启用", "active"), "door_plate": ("门牌号", "door plate"),
    "area_id": ("片区", "area"), "note": ("备注", "note"), "household_id": ("户", "household"),
    "initials": ("拼音首字母", "pinyin initials"), "is_head": ("户主", "head of household"),
    "status": ("状态", "status"), "role": ("角色", "role"), "deed_id": ("记录", "deed"),
    "reason": ("原因", "reason"), "by": ("经办人", "by"), "at": ("时间", "time"),
    "quarter": ("季度", "quarter"), "category": ("类别", "category"), "stars": ("星数", "stars"),
    "source": ("来源", "source"),
    "resident_id": ("对应村民", "resident"), "retired_at": ("停用时间", "retired at"),
    "person_id": ("人员", "person"), "set_at": ("设置时间", "set at"),
    "cap_period": ("上限周期", "cap period"),
    "lapse_months": ("扣分失效月数", "months until a deduction lapses"),
    "month": ("月份", "month"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **{f"verify.column.{k}": v for k, v in _COLUMNS.items()},
    # --- verify's report ---
    "verify.ok": ("核验通过：审计链 {entries} 条，已结账月份 {months} 个，记录 {deeds} 条",
                  "verified: {entries} audit entries, {months} closed months, {deeds} deeds"),
    "verify.failed": ("账本与它自己的记录不符（{count} 处）：",
                      "the ledger does not match its own record ({count} differences):"),
    "verify.acknowledged": ("已记录知晓的差异（{count} 处）：",
                            "differences recorded as understood ({count}):"),
    "verify.chain_broken": ("审计日志在第 {entry} 条之前断开：有条目被删除或插入",
                            "the audit log is broken before entry {entry}: an entry was "
                            "removed or inserted"),
    "verify.entry_changed": ("审计日志第 {entry} 条被改过", "audit entry {entry} was changed"),
    "verify.damaged": ("村务文件在{place}处损坏；请恢复备份",
                       "the village file is damaged at {place}; restore a backup"),
    "verify.damaged_entry": ("审计日志第 {entry} 条无法读取", "audit entry {entry} cannot be read"),
    "verify.deed_changed": ("记录 #{first}–#{last} 中有记录被改过（{at} 由 {actor} 录入，审计第 "
                            "{entry} 条）",
                            "a deed among #{first}–#{last} was changed (entered {at} by "
                            "{actor}, audit entry {entry})"),
    "verify.deed_changed_before": ("升级前的记录 #{first}–#{last} 与审计不符",
                                   "deeds #{first}–#{last} differed from the audit log before "
                                   "the upgrade"),
    "verify.deed_missing": ("记录 #{deed_id} 不见了（{at} 由 {actor} 录入，审计第 {entry} 条）",
                            "deed #{deed_id} is missing (entered {at} by {actor}, audit entry "
                            "{entry})"),
    "verify.deed_unaudited": ("记录 #{deed_id} 没有审计条目（另有 {more} 条）",
                              "deed #{deed_id} has no audit entry ({more} more)"),
    "verify.deed_month_date": ("记录 #{deed_id} 的日期 {date} 不在它标明的月份 {month}",
                               "deed #{deed_id} is dated {date} but labelled with the month "
                               "{month}"),
    "verify.deed_orphan": ("有记录属于名册上没有的村民（编号 {resident_id}）",
                           "deeds name a resident who is not on the roster (id {resident_id})"),
    "verify.more": ("……另有 {count} 处同类差异", "… and {count} more of the same kind"),
    "verify.row_missing": ("{what}不见了（审计记录里有）",
                           "{what} is missing (the audit log records it)"),
    "verify.row_unrecorded": ("{what}没有审计记录（绕过程序加入）",
                              "{what} is not in the audit log (added behind the program's "
                              "back)"),
    "verify.secret_changed": ("{what}被改过（与审计记录不符）",
                              "{what} was changed (it is not what the audit log recorded)"),
    "verify.row_changed": ("{what}的{column}被改过：记录为“{recorded}”，现在是“{now}”",
                           "{what}: the {column} was changed from '{recorded}' to '{now}'"),
    "verify.month_closed_twice": ("{month} 结账了 {times} 次（{first}，又在 {second}）：结账后被"
                                  "重新打开过",
                                  "{month} was closed {times} times ({first}, again {second}): "
                                  "it was reopened after its close"),
    "verify.month_missing": ("已结账的 {month}（{at}）不见了",
                             "the closed month {month} (closed {at}) is missing"),
    "verify.month_reopened": ("已结账的 {month} 被重新打开", "the closed month {month} was "
                              "reopened"),
    "verify.month_unrecorded": ("{month} 标为已结账，但审计日志里没有这次结账",
                                "{month} is marked closed, but the audit log has no such close"),
    "verify.month_changed": ("{month} 结账时的{what}被改过", "the {what} of {month} was changed "
                             "after its close"),
    "verify.month_points": ("{month} 结账时的积分与现在的记录不符（{count} 位村民：{residents}）",
                            "the points of {month} as closed differ from the deeds now "
                            "({count} residents: {residents})"),
    "verify.months_points": ("{month} 到 {last} 结账时的积分与现在的记录不符（{count} 位村民："
                             "{residents}）", "the points of {month} to {last} as closed differ "
                             "from the deeds now ({count} residents: {residents})"),
    "verify.checksum": ("{month} 的校验码不符", "the checksum of {month} does not match"),
    "verify.guard_missing": ("数据库保护{kind}“{name}”被删除了",
                             "the database's guard ({kind}) '{name}' was removed"),
    "verify.guard_altered": ("数据库保护{kind}“{name}”被改过",
                             "the database's guard ({kind}) '{name}' was altered"),
    "verify.guard_unknown": ("数据库里多了一个不明的{kind}“{name}”",
                             "the database has a {kind} '{name}' nobody defined"),
    "verify.kind.trigger": ("触发器", "trigger"),
    "verify.kind.index": ("索引", "index"),
    "verify.kind.table": ("表结构", "table"),
    "verify.kind.function": ("函数", "function"),
    "verify.kind.constraint": ("约束", "constraint"),
    "verify.what.village": ("村庄“{name}”", "the village {name}"),
    "verify.what.rule": ("细则 {code}", "rule {code}"),
    "verify.what.area": ("片区“{name}”", "area {name}"),
    "verify.what.household": ("户 {code}", "household {code}"),
    "verify.what.resident": ("村民 {name}（编号 {id}）", "resident {name} (id {id})"),
    "verify.what.person": ("人员 {name}", "person {name}"),
    "verify.what.person_area": ("{name} 负责的片区“{area}”", "the area {area} assigned to {name}"),
    "verify.what.pin": ("{name} 的 PIN", "the PIN of {name}"),
    "verify.what.recovery": ("秘书的恢复码", "the secretary's recovery code"),
    "verify.what.void": ("记录 #{deed} 的作废", "the void of deed #{deed}"),
    "verify.what.approval": ("记录 #{deed} 的审批", "the approval of deed #{deed}"),
    "verify.what.lapse": ("记录 #{deed} 的扣分失效（信用修复）",
                          "the lapse of deed #{deed} (a way back)"),
    "verify.what.rating": ("户（编号 {household}）{quarter} 的{category}评星",
                           "the {category} rating of household id {household} for {quarter}"),
    "verify.sealed.checksum": ("校验码", "checksum"),
    "verify.sealed.tally": ("汇总表", "stored tally"),
    "verify.sealed.roster": ("名册", "roster"),
    "verify.sealed.closed_at": ("结账时间", "closing time"),
    "verify.sealed.closed_by": ("结账人", "closing person"),
    "month.closed_before": ("{month} 已经结过账，是在程序之外被重新打开的：不能再结一次",
                            "{month} was closed before and reopened behind the program's "
                            "back: it cannot be closed again"),
    "proof.nothing_to_acknowledge": ("账本与它的记录相符，没有需要记录知晓的差异",
                                     "the ledger matches its record: there is no difference to "
                                     "acknowledge"),
    "proof.acknowledged": ("已记录知晓 {count} 处差异（原因：{reason}）；账本可以再修改了",
                           "{count} differences recorded as understood (reason: {reason}); the "
                           "ledger takes changes again"),
    "restore.server": ("村庄在数据库服务器上：请用服务器自己的备份恢复",
                       "the village is on a database server: restore it from the server's own "
                       "backups"),
    "restore.missing": ("找不到备份文件“{file}”", "there is no backup file '{file}'"),
    "restore.unverified": ("备份“{file}”与它自己的记录不符（{count} 处，第一处：{first}），不能用来"
                           "恢复", "the backup '{file}' does not match its own record ({count} "
                           "differences, the first: {first}): it cannot be restored"),
    "restore.done": ("已从备份“{file}”恢复；被替换的文件保存在“{kept}”",
                     "restored from the backup '{file}'; the file it replaced is kept as "
                     "'{kept}'"),
    "restore.later": ("备份之后的 {count} 项改动不在恢复后的村务里；被替换的文件里还有它们",
                      "{count} changes made after it was taken are not in the restored village; "
                      "the file it replaced still has them"),
    "ledger.closed": ("村务“{village}”已经关闭（换成了备份，或打开了别的村）：这项改动没有保存",
                      "the village '{village}' was closed (a backup put in its place, or another "
                      "village opened): this change was not saved"),
    "db.restore_failed": ("无法把备份放回“{path}”：{detail}", "could not put the backup in place "
                          "of '{path}': {detail}"),
    "print.unverified": ("账本与它自己的记录不符（{count} 处，第一处：{first}）：已结账的 {month} "
                         "不能打印，请先核验（verify）", "the ledger does not match its own record "
                         "({count} differences, the first: {first}): the closed month {month} "
                         "is not printed; see verify"),
    "print.code": ("核验码（{month} 结账）{code}", "verification code ({month} close) {code}"),
    # --- the verification code ---
    "code.invalid": ("“{value}”不是核验码（核验码是 12 个字母和数字，如 7KQ2-M9XD-4TRB）",
                     "'{value}' is not a verification code (12 letters and digits, such as "
                     "7KQ2-M9XD-4TRB)"),
    "code.mistyped": ("核验码“{value}”有一个字符抄错了（校验位不符），请对照纸上再输一次",
                      "the verification code '{value}' has a mistyped character (its check "
                      "character does not agree): type it again from the paper"),
    "code.matches": ("核验码 {witness} 对应 {month} 的结账（{at}），账本仍与它的记录相符",
                     "the code {witness} is the close of {month} ({at}), and the ledger still "
                     "matches its record"),
    "code.matches_but": ("核验码 {witness} 对应 {month} 的结账（{at}），但账本现在与它的记录不符：",
                         "the code {witness} is the close of {month} ({at}), but the ledger does "
                         "not match its record now:"),
    "code.unknown": ("核验码 {witness} 不对应这本账里的任何一次结账：账目被改写过，或这是别的村的"
                     "核验码",
                     "the code {witness} is the close of no month in this ledger: its history was "
                     "rewritten, or the code is another village's"),
    # --- where a file is damaged ---
    "damage.file": ("数据库（{detail}）", "the database ({detail})"),
    "damage.audit": ("审计日志第 {entry} 条", "audit entry {entry}"),
    "damage.snapshot": ("{month} 结账时的名册", "the roster kept at the close of {month}"),
    "damage.settings": ("村庄的积分设置", "the village's scheme settings"),
    "damage.tally": ("{month} 的汇总表", "the stored tally of {month}"),
    "damage.deed": ("记录 #{deed_id}", "deed #{deed_id}"),
    "damage.column": ("“{column}”一栏的文字", "the text of a '{column}' column"),
    # --- refusing changes while the ledger does not match its record ---
    "ledger.unverified": ("账本与它自己的记录不符（{count} 处，第一处：{first}）：在秘书恢复一份"
                          "核验过的备份，或记录已知晓这些差异之前，不能做任何修改",
                          "the ledger does not match its own record ({count} differences, the "
                          "first: {first}): nothing can be changed until a secretary restores a "
                          "verified backup or records that the differences are understood"),
    "ledger.checking": ("账本打开时的核验还没做完：请稍候再保存",
                        "the ledger is still being checked as it opens: save again in a moment"),
    "ledger.unchecked": ("账本打开时的核验没能做完：请关闭后重新打开这个村",
                         "the ledger's check on opening could not run: close the village and "
                         "open it again"),
    "db.damaged": ("村务文件在{place}处损坏；请恢复备份",
                   "the village file is damaged at {place}; restore a backup"),
}
