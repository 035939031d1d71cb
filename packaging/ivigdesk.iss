; Inno Setup script: a per-user install of the onedir build, no admin rights.
; Build on Windows after `pyinstaller packaging\ivigdesk.spec --noconfirm`:
;     iscc packaging\ivigdesk.iss /DAppVersion=0.1.0
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6B0E6C2A-6F0E-4C55-9E1B-1F7D2D0B7A31}
AppName=IVIG Desk
AppVersion={#AppVersion}
AppPublisher=IVIG Desk
DefaultDirName={localappdata}\Programs\IVIG Desk
DefaultGroupName=IVIG Desk
; per user: installs under the user's profile, never asks for elevation
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=
DisableProgramGroupPage=yes
OutputDir=..\dist\installer
OutputBaseFilename=IVIGDesk-{#AppVersion}-setup
SetupIconFile=..\resources\icons\ivigdesk.ico
UninstallDisplayIcon={app}\ivigdesk.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Files]
Source: "..\dist\ivigdesk\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{userprograms}\IVIG Desk"; Filename: "{app}\ivigdesk.exe"
Name: "{userprograms}\IVIG Desk (self-test)"; Filename: "{app}\ivigdesk.exe"; Parameters: "--self-test"

[UninstallDelete]
; the program folder only: per-user settings and logs are the user's, removed by them if wanted
Type: filesandordirs; Name: "{app}"
