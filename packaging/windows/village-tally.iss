; Inno Setup 6 script for Windows 10/11 x64 — UNTESTED until a Windows machine runs it (README).
; Build the one-folder program first (py -3.11 packaging\build.py), then:
;     iscc packaging\windows\village-tally.iss
; Installs dist\village-tally\ into Program Files, a Start-menu shortcut (and optionally a
; desktop one) to the windowed village-tally-gui.exe with the red star, the console
; village-tally.exe on the PATH for the command line, and an uninstaller.
; keep in step with village_tally.__version__, or give it: iscc /DAppVersion=X.Y.Z
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6B3C1F2E-4D8A-4F0B-9E7C-5A1D2B3C4E5F}
AppName=Village Tally 村务积分
AppVersion={#AppVersion}
AppPublisher=Village Tally
DefaultDirName={autopf}\Village Tally
DefaultGroupName=村务积分
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=village-tally-setup-{#AppVersion}
SetupIconFile=village-tally.ico
UninstallDisplayIcon={app}\village-tally-gui.exe
Compression=lzma2
SolidCompression=yes
ChangesEnvironment=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\village-tally\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\村务积分 Village Tally"; Filename: "{app}\village-tally-gui.exe"
Name: "{group}\{cm:UninstallProgram,村务积分}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\村务积分 Village Tally"; Filename: "{app}\village-tally-gui.exe"; Tasks: desktopicon

[Registry]
; the command line: village-tally.exe on the machine's PATH
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Check: NeedsAddPath(ExpandConstant('{app}'))

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Path: string;
begin
  if not RegQueryStringValue(HKEY_LOCAL_MACHINE,
      'SYSTEM\CurrentControlSet\Control\Session Manager\Environment', 'Path', Path) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';') = 0;
end;
