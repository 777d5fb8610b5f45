"""Words of scan sheets and of reading them back: the printed sheet, page and field reasons,
the scan command's report and its problems."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # the printed sheet
    "print.scan.month": ("月份：{month}", "Month: {month}"),
    "print.scan.gatherer": ("信息员：", "Gatherer:"),
    "print.scan.instruction": (
        "填涂：用2B铅笔或黑色笔把圆圈涂满涂黑（●），不要打钩或画叉；改错请擦干净。"
        "每行涂村民序号（每位都涂，如 07 涂 0 和 7）、细则和数量各一个。",
        "Fill each bubble completely with a 2B pencil or a black pen (●); no ticks or crosses; "
        "erase changes cleanly. Per line: the resident's number (every digit, 07 is 0 and 7), "
        "one rule and the quantity."),
    "print.scan.digits": ("（{rows} 行：上行为高位）", " ({rows} rows, top row first digit)"),
    "print.scan.back": ("背面：本片村民与积分细则", "Back: this area's residents and rules"),
    "print.scan.residents": ("村民序号（正面“村民序号”涂这个号）",
                             "Residents by number (fill this number on the front)"),
    "print.scan.rules": ("细则序号（正面“细则”涂这个号）",
                         "Rules by number (fill this number on the front)"),
    # printing problems
    "scan.sheet_changed": (
        "单号 {number} 已经按当时的村民和细则打印过，现在名单变了，不能用同一个单号再印；"
        "请从第 {next} 张起印新单号",
        "sheet {number} was printed for the residents and rules as they were then, and they "
        "have changed since: print new numbers, from {next}"),
    "scan.area_too_big": ("片区“{area}”有 {count} 位村民，填涂卡最多 999 位：请先分片",
                          "area '{area}' has {count} residents; a scan sheet holds at most "
                          "999: split the area first"),
}
MESSAGES.update({
    "cli.help.scan": ("读取扫描或拍照的填涂卡（PDF、PNG、JPEG、TIFF 或文件夹），"
                      "列出每页每行读到的内容",
                      "read scanned or photographed scan sheets (PDF, PNG, JPEG, TIFF files or "
                      "folders) and list what each page and line says"),
    "cli.help.first": ("第一张的单号（填涂卡默认接着上次打印的往后编）",
                       "the first sheet's number (scan sheets: after the last one printed)"),
    "cli.help.scan_month": ("填涂卡的月份 YYYY-MM（默认本月）",
                            "the scan sheets' month, YYYY-MM (default: this month)"),
    "scan.unavailable": ("读取扫描件需要另外安装扫描组件（缺少 {missing}）：{command}",
                         "reading scans needs the scan extra (missing {missing}): {command}"),
    "scan.not_proposed": ("单号 {sheet} 第 {line} 行不在待确认之列（已确认，或已重新扫描）",
                          "sheet {sheet} line {line} is not waiting to be confirmed (confirmed "
                          "already, or scanned again)"),
    "scan.no_such_file": ("找不到文件或文件夹 {path}", "there is no file or folder {path}"),
    # what the command prints
    "scan.out.read": ("{where}：单号 {sheet}，{lines} 行，{review} 行需要人工核对",
                      "{where}: sheet {sheet}, {lines} line(s), {review} to review"),
    "scan.out.rejected": ("{where}：未读取：{reason}", "{where}: not read: {reason}"),
    "scan.out.back": ("{where}：单号 {sheet} 的背面，跳过",
                      "{where}: back of sheet {sheet}, skipped"),
    "scan.out.duplicate": ("{where}：单号 {sheet} 重复扫描（已在 {first} 读过），跳过",
                           "{where}: sheet {sheet} again (already read at {first}), skipped"),
    "scan.out.summary": (
        "共读 {read} 页，拒收 {rejected} 页，重复 {duplicate} 页，背面 {back} 页；"
        "{ready} 行可直接确认，{review} 行需要核对",
        "{read} page(s) read, {rejected} rejected, {duplicate} duplicate, {back} back; "
        "{ready} line(s) ready, {review} to review"),
    "scan.field.resident": ("村民序号", "resident"),
    "scan.field.rule": ("细则", "rule"),
    "scan.field.quantity": ("数量", "quantity"),
    # why a page is not read
    "scan.page.not_an_image": ("不是图片或 PDF（可读 PDF、PNG、JPEG、TIFF）",
                               "not an image or PDF (PDF, PNG, JPEG, TIFF are read)"),
    "scan.page.unreadable": ("文件打不开或已损坏", "the file cannot be opened or is damaged"),
    "scan.page.too_big": ("图片太大（超过 8000 万像素或 200 MB）",
                          "the image is too big (over 80 megapixels or 200 MB)"),
    "scan.page.no_qr": ("没有找到二维码：不是填涂卡，或拍得不全、不清楚",
                        "no QR code found: not a scan sheet, or not all of it is in the "
                        "picture, or it is blurred"),
    "scan.page.markers_not_found": ("四角的定位标记至少要看到三个：请把整张纸拍全、拍清楚",
                                    "at least three of the four corner markers must show: "
                                    "scan or photograph the whole sheet"),
    "scan.page.markers_twice": ("同一页上有两张填涂卡的标记：请一张一张扫",
                                "markers of two sheets on one page: scan one sheet at a time"),
    "scan.page.markers_misfit": ("定位标记对不上一张平整的纸（折了、卷了？）：请压平后重扫",
                                 "the corner markers do not fit one flat page (folded or "
                                 "curled?): flatten it and scan again"),
    "scan.page.not_ours": ("二维码不是本程序的填涂卡", "the QR code is not one of our sheets"),
    "scan.page.other_village": ("这是别的村的填涂卡", "this sheet is another village's"),
    "scan.page.not_this_ledger": ("二维码对不上本村打印过的填涂卡（别的账本打印的？）",
                                  "the QR code matches no sheet this village printed (printed "
                                  "from another ledger?)"),
    # why a field is not sure
    "scan.reason.no_mark": ("没有涂", "not filled"),
    "scan.reason.faint_mark": ("涂得太浅，看不准", "too faint to be sure"),
    "scan.reason.two_marks": ("涂了两个", "two bubbles filled"),
    "scan.reason.second_mark": ("旁边还有一个浅的痕迹（擦过？）",
                                "a fainter second mark beside it (an erasure?)"),
    "scan.reason.digit_missing": ("有一位没有涂", "a digit is not filled"),
    "scan.reason.not_listed": ("背面没有这个号", "no such number on the back"),
})
