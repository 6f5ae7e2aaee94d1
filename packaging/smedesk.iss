; Inno Setup script: an installer for the one-folder Windows build of smedesk.
; Build first with packaging\build.cmd (makes dist\smedesk\), then compile:
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\smedesk.iss
; or pass the version: ISCC.exe /DAppVersion=0.2.0 packaging\smedesk.iss
; Output: dist\smedesk-<version>-instalador.exe
;
; Installs for all users under Program Files; the business file is NOT in the
; install folder: smedesk keeps it in the shared data folder (C:\ProgramData\smedesk),
; so every Windows user of the shared PC sees the same business, and an
; uninstall or an upgrade never touches the data or its backups.

#ifndef AppVersion
#define AppVersion "0.1.0"
#endif
#define AppName "smedesk"
#define AppPublisher "smedesk"
#define SourceDir "..\dist\smedesk"

[Setup]
AppId={{6F1C2A7E-5B0D-4C52-9E8A-3D7B1F0C9A41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-instalador
SetupIconFile=smedesk.ico
UninstallDisplayIcon={app}\smedesk.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; Sign the installer as well as smedesk.exe (see packaging/README.md), e.g.:
; SignTool=signtool sign /fd sha256 /tr http://timestamp.example /td sha256 /f cert.pfx /p $p $f

[Languages]
Name: "spanish"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Dirs]
; the shared data folder: every Windows user of the PC may write the business file
Name: "{commonappdata}\smedesk"; Permissions: users-modify

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\smedesk.exe"; WorkingDir: "{app}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\smedesk.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\smedesk.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; only what the program itself left in its folder; never the data in ProgramData
Type: filesandordirs; Name: "{app}\datos\sistema"
