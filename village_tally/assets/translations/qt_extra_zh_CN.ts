<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt's own words that Qt's qtbase_zh_CN.qm lacks (Qt 6's file and print dialogs ask for the texts with
     their keyboard mnemonic; the translation has them only without). Compiled with
     `pyside6-lrelease qt_extra_zh_CN.ts` into qt_extra_zh_CN.qm, which the program loads after
     Qt's own (village_tally/ui/qt_words.py); tests/ui/test_qt_words.py checks both. -->
<TS version="2.1" language="zh_CN">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Page &amp;Set:</source>
        <translation>页面组(&amp;S)：</translation>
    </message>
</context>
</TS>
