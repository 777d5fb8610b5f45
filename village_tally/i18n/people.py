"""Messages about people, roles, signing in and authority; the audit log's sentences."""

MESSAGES: dict[str, tuple[str, str]] = {
    # roles and what they may do (the words of a refusal: "马秀兰（信息员）不能审批积分")
    "role.gatherer": ("信息员", "gatherer"),
    "role.committee": ("村委委员", "committee member"),
    "role.secretary": ("文书", "secretary"),
    "action.enter": ("录入积分", "enter deeds"),
    "action.void_own": ("作废自己录入的积分", "void their own lines"),
    "action.void_any": ("作废别人记录的积分", "void deeds others recorded"),
    "action.approve": ("审批积分", "approve deeds"),
    "action.export": ("导出台账", "export the ledger"),
    "action.print_statement": ("打印村民积分明细", "print a villager's statement"),
    "action.issue_sheets": ("打印新编号的扫描登记表", "print newly numbered scan sheets"),
    "action.ratings": ("评星", "rate households"),
    "action.roster": ("修改村民名册", "change the roster"),
    "action.handbook": ("修改积分细则和设置", "change the handbook and settings"),
    "action.people": ("管理人员、角色和密码", "manage people, roles and PINs"),
    "action.close_month": ("结账", "close a month"),
    "action.restore": ("恢复备份", "restore a backup"),
    "action.acknowledge": ("记录已知晓账本的差异", "record the ledger's differences as understood"),
    "action.import_roster": ("导入村民名册", "import the roster"),
    "action.import_deeds": ("导入积分记录", "import deeds"),
    "action.import_ratings": ("导入评星", "import ratings"),
    "action.audit": ("查看操作记录", "read the audit log"),
    "authority.signed_out": ("请先登录：没有登录不能{action}",
                             "sign in first: nobody signed in may {action}"),
    "authority.retired": ("{name} 已停用，不能再登录或操作",
                          "{name} is retired and can no longer sign in or act"),
    "authority.role_may_not": ("{name}（{role}）没有权限{action}",
                               "{name} ({role}) may not {action}"),
    "authority.outside_area": ("{name} 负责的片区是 {areas}，不能录入片区“{area}”的村民",
                               "{name} covers {areas} and may not enter deeds for a resident "
                               "of area '{area}'"),
    "authority.gatherer_own_sheets": ("{name}（信息员）只能录入自己的登记表，不能以 {recorder} "
                                      "的名义录入",
                                      "{name} (gatherer) enters only her own sheets, not "
                                      "{recorder}'s"),
    "authority.approve_recorded": ("{name} 记录了积分 #{deed_id}，不能自己审批",
                                   "{name} recorded deed #{deed_id} and may not approve it"),
    "authority.approve_typed": ("{name} 录入了积分 #{deed_id}，不能自己审批",
                                "{name} typed deed #{deed_id} in and may not approve it"),
    "authority.approve_self": ("积分 #{deed_id} 是给 {name} 本人的，不能自己审批",
                               "deed #{deed_id} is for {name} and they may not approve it"),
    "authority.approve_household": ("积分 #{deed_id} 是给 {name} 同户（{household}）的，"
                                    "不能自己审批",
                                    "deed #{deed_id} is for {name}'s household ({household}) "
                                    "and they may not approve it"),
    "authority.void_closed": ("{name}（{role}）只能作废本月未结账的自己的记录；已结账月份的更正"
                              "请村委办理",
                              "{name} ({role}) voids only her own lines of the open month; a "
                              "committee member corrects a closed month"),
    "authority.void_own_deduction": ("这是 {name} 本人或同户的扣分，不能自己作废",
                                     "this deducts from {name} or their household; they may "
                                     "not void it"),
    # people
    "person.unknown": ("没有叫“{name}”的人员", "nobody called '{name}' can sign in here"),
    "person.exists": ("已有人员“{name}”", "there is already a person called '{name}'"),
    "person.no_pin": ("{name} 还没有密码，请文书设置", "{name} has no PIN yet; ask the secretary"),
    "person.role_unknown": ("角色“{value}”无效，可选：{choices}",
                            "the role '{value}' is not valid; choose {choices}"),
    "person.last_secretary": ("{name} 是唯一的文书，请先指定另一位文书",
                              "{name} is the only secretary; name another secretary first"),
    "person.secretary_exists": ("本村已有文书，请文书登录后添加人员",
                                "this village has a secretary already; the secretary adds "
                                "people after signing in"),
    "person.not_secretary": ("“{name}”不是文书，恢复码只能重设文书的密码",
                             "'{name}' is not a secretary; the recovery code resets only a "
                             "secretary's PIN"),
    "person.needs_secretary": ("本村还没有文书：请先指定文书并设置密码",
                               "this village has no secretary yet: name one with a PIN first"),
    "pin.invalid": ("密码必须是 4 到 8 位数字", "a PIN is 4 to 8 digits"),
    "pin.mismatch": ("两次输入的密码不一样", "the two PINs differ"),
    "signin.wrong_recovery": ("{name} 的恢复码不对（还可以再试 {left} 次）",
                              "wrong recovery code for {name} ({left} more tries before a "
                              "lockout)"),
    "signin.wrong_pin": ("{name} 的密码不对（还可以再试 {left} 次）",
                         "wrong PIN for {name} ({left} more tries before a lockout)"),
    "signin.locked": ("{name} 输错密码次数太多，请在 {until} 以后再试（{seconds} 秒）",
                      "{name} is locked out after wrong PINs until {until} ({seconds} s)"),
    "deed.recorder_unknown": ("记录人“{name}”不是本村的信息员或委员",
                              "the recorder '{name}' is not one of this village's people"),
    "deed.undo_reason": ("撤销本行", "line undone"),
    # why a deed waits for approval (services/pending.py)
    "waits.free": ("细则外的自由加减分", "free points, under no rule"),
    "waits.over_cap": ("超过细则的月上限（理由：{reason}）",
                       "beyond the rule's monthly cap (reason: {reason})"),
    "waits.own_self": ("{name} 给自己记的", "{name} recorded it for themselves"),
    "waits.own_household": ("{name} 给自家人记的（户号 {household}）",
                            "{name} recorded it for their own household ({household})"),
    "waits.threshold": ("这一条 {points} 分，超过审批线 {limit} 分",
                        "{points} in one deed, above the approval line of {limit}"),
    "waits.split": ("本月同一细则合计 {total} 分，超过审批线 {limit} 分",
                    "{total} this month under the same rule, above the approval line of "
                    "{limit}"),
    "waits.always": ("细则 {rule} 每一条都要审批", "rule {rule} has every deed approved"),
    "waits.other": ("等待审批", "waiting for approval"),
    "import.approval_in_file": ("文件里写着由 {by} 审批：只有文书迁移台账时才保留文件里的审批；"
                                "请清空这一列，导入后再审批",
                                "the file says {by} approved it: only a secretary moving a "
                                "ledger keeps approvals written in a file; empty the column and "
                                "approve after the import"),
    "import.approver_is_importer": ("{name} 导入了这些记录，不能同时审批；请另一位委员审批",
                                    "{name} imports these deeds and may not approve them too; "
                                    "another committee member approves"),
    # the audit log in sentences (services/audit_log.py); who and when are beside them
    "log.nobody": ("（未登录）", "(nobody signed in)"),
    "log.pin.set": ("已设密码", "PIN set"),
    "log.pin.none": ("还没有密码", "no PIN yet"),
    "log.kind.roster": ("村民名册", "the roster"),
    "log.kind.deeds": ("积分记录", "deeds"),
    "log.kind.ratings": ("评星", "ratings"),
    "log.other": ("{action} {entity} {entity_id}", "{action} {entity} {entity_id}"),
    "log.init.village": ("建立了村庄“{name}”（方案 {preset}）",
                         "created the village '{name}' (scheme {preset})"),
    "log.demo.village": ("生成了示范村：{residents} 位村民，{deeds} 条积分",
                         "made the demo village: {residents} residents, {deeds} deeds"),
    "log.enter.deed": ("录入积分 #{deed}：{resident}（{household}）{title} {points}",
                       "entered deed #{deed}: {resident} ({household}) {title} {points}"),
    "log.enter.deed_for": ("录入积分 #{deed}：{resident}（{household}）{title} {points}"
                           "（{recorder} 的登记表）",
                           "entered deed #{deed}: {resident} ({household}) {title} {points} "
                           "(from {recorder}'s sheet)"),
    "log.approve.deed": ("审批了积分 #{deed}：{resident}（{household}）{title} {points}",
                         "approved deed #{deed}: {resident} ({household}) {title} {points}"),
    "log.void.deed": ("作废了积分 #{deed}（{resident} {title} {points}），原因：{reason}",
                      "voided deed #{deed} ({resident} {title} {points}): {reason}"),
    "log.void.adjusted": ("更正已结账月份的积分 #{deed}（{resident} {title} {points}）：本月记入"
                          "调整 #{adjustment}，原因：{reason}",
                          "corrected deed #{deed} of a closed month ({resident} {title} "
                          "{points}) with adjustment #{adjustment} this month: {reason}"),
    "log.undo.deed": ("撤销了刚录入的积分 #{deed}（{resident} {title} {points}）",
                      "undid deed #{deed} just entered ({resident} {title} {points})"),
    "log.close.month": ("结账 {entity_id}（校验码 {checksum}…）",
                        "closed {entity_id} (checksum {checksum}…)"),
    "log.import": ("从“{file}”导入{kind}：新增 {added} 条，已有 {present} 条，退回 {rejected} 条",
                   "imported {kind} from '{file}': {added} new, {present} already there, "
                   "{rejected} rejected"),
    "log.import.approved": ("从“{file}”导入{kind}：新增 {added} 条，已有 {present} 条，退回 "
                            "{rejected} 条；需要审批的由 {approver} 审批",
                            "imported {kind} from '{file}': {added} new, {present} already "
                            "there, {rejected} rejected; {approver} approved those that "
                            "needed it"),
    "log.add.resident": ("在名册上添加了 {name}（户号 {household}，片区 {area}）",
                         "added {name} to the roster (household {household}, area {area})"),
    "log.add.area": ("添加了片区“{name}”", "added the area '{name}'"),
    "log.move.household": ("把户号 {entity_id} 从片区“{from}”移到“{to}”，原因：{reason}",
                           "moved household {entity_id} from area '{from}' to '{to}': "
                           "{reason}"),
    "log.rename.area": ("把片区“{from}”改名为“{to}”", "renamed the area '{from}' to '{to}'"),
    "log.status.resident": ("把 {resident} 标为{status}，原因：{reason}",
                            "marked {resident} as {status}: {reason}"),
    "log.move.resident": ("把 {resident} 迁到户号 {household}，原因：{reason}",
                          "moved {resident} to household {household}: {reason}"),
    "log.add.rule": ("添加了细则 {entity_id}“{title_zh}”", "added rule {entity_id} '{title_en}'"),
    "log.update.rule": ("修改了细则 {entity_id}“{title_zh}”",
                        "changed rule {entity_id} '{title_en}'"),
    "log.update.scheme": ("修改了积分、星旗或奖励设置",
                          "changed the points, stars and flags or rewards settings"),
    "log.rate.rating": ("录入了 {count} 条评星（{source}）", "recorded {count} ratings ({source})"),
    "log.print_scan_sheets.scan_sheet": ("打印了 {entity_id} 的新编号扫描登记表",
                                         "printed newly numbered scan sheets for {entity_id}"),
    "log.add_person.person": ("添加了人员 {name}：{role}，片区 {areas}，{pin}",
                              "added {name}: {role}, areas {areas}, {pin}"),
    "log.bring_in.person": ("把账上记录过的 {name} 列为人员（建议：{role}，片区 {areas}），"
                            "待文书确认",
                            "listed {name}, named in the ledger before, as a person "
                            "(suggested: {role}, areas {areas}) for the secretary to confirm"),
    "log.set_pin.person": ("为 {name} 设置了密码", "set {name}'s PIN"),
    "log.set_role.person": ("把 {name} 的角色改为{role}", "made {name} a {role}"),
    "log.set_areas.person": ("把 {name} 负责的片区改为 {areas}", "gave {name} the areas {areas}"),
    "log.set_resident.person": ("把 {name} 对应到名册上的村民（编号 {resident_id}）",
                                "linked {name} to resident number {resident_id}"),
    "log.retire.person": ("停用了 {name}（记录都保留）", "retired {name} (their records stay)"),
    "log.reinstate.person": ("恢复了 {name}", "reinstated {name}"),
    "log.recover.person": ("{name} 用恢复码重设了密码（恢复码已换新）",
                           "{name} reset their PIN with the recovery code (a new code issued)"),
    "log.sign_in_failed.person": ("{name} 登录时密码错误（连续第 {failures} 次）",
                                  "wrong PIN for {name} ({failures} in a row)"),
    "log.sign_in_failed.locked": ("{name} 登录时密码错误（连续第 {failures} 次），锁定到 {until}",
                                  "wrong PIN for {name} ({failures} in a row): locked out until "
                                  "{until}"),
    "log.sign_in.person": ("{name} 登录，密码按现在的强度重新存放",
                           "{name} signed in; their PIN stored again at today's strength"),
    "log.acknowledge.ledger": ("记录已知晓账本与它的记录不符的 {count} 处差异，原因：{reason}",
                               "recorded the ledger's {count} differences from its record as "
                               "understood: {reason}"),
    "log.restore.village": ("用备份“{from}”恢复了村务文件", "restored the village file from the "
                            "backup '{from}'"),
    "log.restore.village_later": ("用备份“{from}”恢复了村务文件；被替换的文件里备份之后的 "
                                  "{later_changes} 项改动没有带过来", "restored the village file "
                                  "from the backup '{from}'; the {later_changes} changes the "
                                  "replaced file had after it were not brought over"),
    "log.baseline.village": ("升级时记下了账本当时的样子（此前的历史按当时的样子采信）",
                             "recorded the ledger as it stood at the upgrade (history before "
                             "it is trusted as it stood)"),
    "log.recovery_failed.person": ("{name} 的恢复码错误（连续第 {failures} 次）",
                                   "wrong recovery code for {name} ({failures} in a row)"),
    # kinds of action the audit log is filtered by (services.audit_log.KINDS)
    "audit.kind.enter": ("录入", "entries"),
    "audit.kind.approve": ("审批", "approvals"),
    "audit.kind.void": ("作废和撤销", "voids and undos"),
    "audit.kind.close": ("结账", "closing months"),
    "audit.kind.import": ("导入", "imports"),
    "audit.kind.roster": ("村民名册", "the roster"),
    "audit.kind.handbook": ("细则和设置", "the handbook and settings"),
    "audit.kind.ratings": ("评星", "ratings"),
    "audit.kind.people": ("人员和密码", "people and PINs"),
    "audit.kind.sign_in": ("登录失败", "failed sign-ins"),
    # the command line's words for signing in and for people
    "cli.help.as": ("以此人身份登录（密码取自 $VILLAGE_TALLY_PIN，否则不回显地询问）",
                    "sign in as NAME (the PIN from $VILLAGE_TALLY_PIN, else asked without "
                    "echo)"),
    "cli.help.secretary": ("本村第一位文书（新密码取自 $VILLAGE_TALLY_NEW_PIN，否则询问两次）",
                           "the village's first secretary (a new PIN from "
                           "$VILLAGE_TALLY_NEW_PIN, else asked twice)"),
    "cli.help.by": ("同 --as（旧写法）", "the same as --as (the older form)"),
    "cli.help.approve_valid_only": ("审批能审批的，列出其余的原因",
                                    "approve those that can be, and say why not the others"),
    "cli.help.person": ("管理人员：信息员、村委委员、文书", "people: gatherers, committee, "
                        "secretaries"),
    "cli.help.person_add": ("添加人员并设置密码", "add a person with a PIN"),
    "cli.help.person_area": ("信息员负责的片区（可写多次）", "an area the gatherer covers "
                             "(repeat for more)"),
    "cli.help.person_resident": ("此人在名册上的姓名（本人也是村民时）",
                                 "the person's name on the roster, if a resident"),
    "cli.help.person_pin": ("设置或重设密码", "set or reset a PIN"),
    "cli.help.recovery_code": ("文书忘记密码时，用建村时打印的恢复码重设",
                               "a secretary's forgotten PIN: reset with the recovery code"),
    "cli.help.person_list": ("列出人员", "list the people"),
    "cli.help.person_role": ("更改角色", "change a person's role"),
    "cli.help.person_role_word": ("信息员、村委委员或文书（也可写 gatherer、committee、secretary）",
                                  "gatherer, committee or secretary (or 信息员, 村委委员, 文书)"),
    "cli.help.person_areas": ("更改信息员负责的片区", "change a gatherer's areas"),
    "cli.help.person_retire": ("停用人员（记录保留）", "retire a person (their records stay)"),
    "cli.help.person_reinstate": ("恢复已停用的人员", "bring a retired person back"),
    "cli.help.audit": ("按时间列出操作记录", "the audit log in sentences"),
    "cli.pin_needed": ("{name} 的密码：请设置环境变量 {variable}，"
                       "或在终端里运行以便输入（不会显示）",
                       "{name}'s PIN: set {variable}, or run on a terminal to type it (it is "
                       "not shown)"),
    "cli.pin_prompt": ("{name} 的密码：", "{name}'s PIN: "),
    "cli.new_pin_prompt": ("{name} 的新密码（4 到 8 位数字）：",
                           "{name}'s new PIN (4 to 8 digits): "),
    "cli.new_pin_again": ("再输一遍：", "Again: "),
    "cli.as_by_differ": ("--as {as_name} 与 --by {by} 不是同一个人",
                         "--as {as_name} and --by {by} are not the same person"),
    "cli.recovery_code": ("{name} 的恢复码如下，只显示这一次：请抄下来交村委保管，"
                          "忘记密码时用它重设",
                          "{name}'s recovery code follows, shown only this once: write it "
                          "down and keep it with the committee; it resets a forgotten PIN"),
    "cli.demo_people": ("人员：文书 {secretary}；村委委员 {committee}；信息员 {gatherers}。"
                        "每个人的密码都是 {pin}",
                        "people: secretary {secretary}; committee {committee}; gatherers "
                        "{gatherers}. Everyone's PIN is {pin}"),
    "cli.person_added": ("已添加 {name}（{role}）", "added {name} ({role})"),
    "cli.brought_in": ("账上原有：{name}（建议：{role}，片区 {areas}，{pin}），请确认",
                       "already in the ledger: {name} (suggested: {role}, areas {areas}, {pin}); "
                       "please confirm"),
    "cli.retired": ("（已停用）", "(retired)"),
    "cli.pin_set": ("已为 {name} 设置密码", "{name}'s PIN is set"),
    "cli.person_now": ("{name}：{role}，片区 {areas}，{pin}{retired}",
                       "{name}: {role}, areas {areas}, {pin}{retired}"),
    "cli.bad_date": ("{option}：“{value}”不是日期（格式 YYYY-MM-DD）",
                     "{option}: '{value}' is not a date (YYYY-MM-DD)"),
    "col.role": ("角色", "Role"),
    "col.areas": ("片区", "Areas"),
    "col.pin": ("密码", "PIN"),
    "col.when": ("时间", "When"),
    "col.who": ("操作人", "Who"),
    "col.what": ("做了什么", "What"),
}
