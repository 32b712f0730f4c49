; Inno Setup 6 script: the Windows installer for Kinship care helper.
; NOT YET TRIED ON WINDOWS (written on Linux; see README, "Install", for what has been tried where).
;
; Build the folder first (on Windows, in the repository):
;     py -3.11 -m venv .venv-dist
;     .venv-dist\Scripts\python packaging\build.py deps
;     .venv-dist\Scripts\python packaging\build.py
; then the installer, with the version from pyproject.toml:
;     "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\kinship-app.iss
; which writes dist\kinship-app-0.1.0-windows-setup.exe.
;
; It installs for the current user without an administrator password (PrivilegesRequired=lowest),
; into %LOCALAPPDATA%\Programs\Kinship care helper, with a Start menu entry. Saved households
; live in %LOCALAPPDATA%\kinship-app and are never removed by the uninstaller.

#define AppName "Kinship care helper"
#ifndef AppVersion
  #error Pass the version: ISCC /DAppVersion=X.Y.Z packaging\windows\kinship-app.iss
#endif
#define Root "..\.."

[Setup]
; The AppId identifies this app to Windows across versions: never change it.
AppId={{64CD7500-E796-407C-A416-16058E4444D8}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist
OutputBaseFilename=kinship-app-{#AppVersion}-windows-setup
; Made by packaging/kinship-app.spec from resources/icons (packaging/icons.py).
SetupIconFile={#Root}\build\pyinstaller\kinship-app\generated\kinship-app.ico
UninstallDisplayIcon={app}\kinship-app.exe
UninstallDisplayName={#AppName}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "polish"; MessagesFile: "compiler:Languages\Polish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\kinship-app\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\kinship-app.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\kinship-app.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\kinship-app.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
