"""argparse's own words in Chinese: its usage errors and help headings, keyed by the English
text argparse asks gettext for (Python has no Chinese catalogue for them)."""

from __future__ import annotations

ZH: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "后面要跟一个值",
    "expected at least one argument": "后面至少要跟一个值",
    "expected at most one argument": "后面最多跟一个值",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "不能是 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的值",
    "ambiguous option: %(option)s could match %(matches)s":
        "选项 %(option)s 不明确，可能是：%(matches)s",
    "not allowed with argument %s": "不能和参数 %s 一起用",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
    "ignored explicit argument %r": "多余的值 %r",
    "unexpected option string: %s": "没有这个选项：%s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：出错：%(message)s\n",
}
