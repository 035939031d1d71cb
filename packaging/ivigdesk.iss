; Inno Setup script for IVIG Desk: ONE installer, two install modes.
;
;   * per user (the default, no admin rights, no UAC prompt):
;       {localappdata}\Programs\IVIG Desk, Start-menu entries in the user's Programs folder,
;       uninstall entry under HKCU.
;   * machine-wide (hospital IT, elevated):
;       {commonpf64}\IVIG Desk (C:\Program Files\IVIG Desk), Start-menu entries in the
;       All Users Programs folder, uninstall entry under HKLM.
;
; Build (Windows, after `pyinstaller packaging\ivigdesk.spec --noconfirm`):
;     iscc packaging\ivigdesk.iss /DAppVersion=0.1.0
;
; Deploy silently:
;     per user:     IVIGDesk-0.1.0-setup.exe /CURRENTUSER /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /LOG="%TEMP%\ivigdesk-setup.log"
;     all users:    IVIGDesk-0.1.0-setup.exe /ALLUSERS    /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /LOG="C:\Windows\Temp\ivigdesk-setup.log"
;     uninstall:    "<install folder>\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; Run interactively without a switch, Setup asks "Install for me only / for all users"
; (per user is preselected, because PrivilegesRequired=lowest).
;
; A trust's site file: if IT puts ivigdesk-site.ini beside the setup .exe, it is copied into the
; install folder; without one, nothing is created or changed. In a machine-wide install that
; folder is under Program Files, which only administrators can write, so IVIG Desk treats the file
; as the site policy and lets no user setting override it (so does %ProgramData%\IVIG Desk\
; ivigdesk-site.ini, a folder a machine-wide install creates admin-only: see [Dirs]). In a per-user
; install it is an ordinary site file, and Setup creates nothing under ProgramData (it has no
; rights there). See packaging/README.md.
;
; User settings (%APPDATA%\IVIG Desk\ivigdesk.ini) and logs (%LOCALAPPDATA%\IVIG Desk\ivigdesk\logs)
; are the program's own business: this script never names them, so install, upgrade and uninstall leave
; them alone.
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
; The setup .exe's numeric file version: the leading digits and dots of AppVersion
; ("0.2.0rc1" -> "0.2.0"), unless given with /DFileVersion=.
#ifndef FileVersion
  #define FileVersion ""
  #define i 1
  #for {i = 1; i <= Len(AppVersion) && Pos(Copy(AppVersion, i, 1), "0123456789.") > 0; i++} FileVersion = FileVersion + Copy(AppVersion, i, 1)
  #if Copy(FileVersion, Len(FileVersion), 1) == "."
    #define FileVersion Copy(FileVersion, 1, Len(FileVersion) - 1)
  #endif
  #if FileVersion == ""
    #define FileVersion "0"
  #endif
#endif

[Setup]
; One AppId for both modes: the uninstall key is "{6B0E...}_is1" under HKCU (per user) or
; HKLM (all users). Never change it, or upgrades stop finding earlier installs.
AppId={{6B0E6C2A-6F0E-4C55-9E1B-1F7D2D0B7A31}
AppName=IVIG Desk
AppVersion={#AppVersion}
AppVerName=IVIG Desk {#AppVersion}
AppPublisher=IVIG Desk
VersionInfoVersion={#FileVersion}
; Administrative mode: {autopf} = {commonpf} = C:\Program Files\IVIG Desk (64-bit mode, below).
; Per user: {localappdata}\Programs\IVIG Desk, spelled out instead of {autopf} (= {userpf}):
; same folder on Windows 7+, but {userpf} cannot be expanded under Wine ("Internal error: Failed
; to expand shell folder constant "autopf"") and so could not be tested there. See DefaultAppDir.
DefaultDirName={code:DefaultAppDir}
DefaultGroupName=IVIG Desk
DisableProgramGroupPage=yes
; Per user unless told otherwise: /ALLUSERS (or the dialog) switches to a machine-wide install.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
; The PyInstaller onedir build is 64-bit (64-bit CPython), so install it as a 64-bit program:
; {autopf} is C:\Program Files, not C:\Program Files (x86), and HKLM is the 64-bit view.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist\installer
OutputBaseFilename=IVIGDesk-{#AppVersion}-setup
SetupIconFile=..\resources\icons\ivigdesk.ico
UninstallDisplayIcon={app}\ivigdesk.exe
UninstallDisplayName=IVIG Desk
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Files]
; The whole onedir: ivigdesk.exe (the window), ivigdesk-calc.exe (the console calculator, which IT
; runs as "{app}\ivigdesk-calc.exe" manifest FOLDER) and the _internal folder they share.
Source: "..\dist\ivigdesk\ivigdesk.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "..\dist\ivigdesk\ivigdesk-calc.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "..\dist\ivigdesk\*"; Excludes: "\ivigdesk.exe,\ivigdesk-calc.exe"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion
; Optional: a site file supplied by IT beside the setup .exe (replaces the one in {app}, if any).
Source: "{src}\ivigdesk-site.ini"; DestDir: "{app}"; Flags: external skipifsourcedoesntexist ignoreversion

[Dirs]
; Machine-wide only: %ProgramData%\IVIG Desk, where IT puts the site policy (ivigdesk-site.ini),
; made admin-only. By default Windows lets any user create files and folders under ProgramData, so
; without this a standard user could plant the "IT policy" for everyone on a shared PC. The
; [Run] entries below give the folder (and anything already in it) to Administrators, drop the
; permissions inherited from ProgramData and leave: Administrators and SYSTEM full control, Users
; read and list (SIDs, so a non-English Windows works too). Kept on uninstall, so the protection
; (and IT's policy) stays.
Name: "{commonappdata}\IVIG Desk"; Permissions: admins-full system-full users-readexec; Flags: uninsneveruninstall; Check: MachineWide

[Run]
Filename: "{sys}\icacls.exe"; Parameters: """{commonappdata}\IVIG Desk"" /setowner *S-1-5-32-544 /T /C /Q"; Flags: runhidden waituntilterminated; StatusMsg: "Protecting the site policy folder..."; Check: MachineWide
Filename: "{sys}\icacls.exe"; Parameters: """{commonappdata}\IVIG Desk"" /inheritance:r /grant:r *S-1-5-32-544:(OI)(CI)F *S-1-5-18:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX /Q"; Flags: runhidden waituntilterminated; Check: MachineWide
Filename: "{sys}\icacls.exe"; Parameters: """{commonappdata}\IVIG Desk\*"" /reset /T /C /Q"; Flags: runhidden waituntilterminated skipifdoesntexist; Check: MachineWide

[Icons]
Name: "{autoprograms}\IVIG Desk"; Filename: "{app}\ivigdesk.exe"
Name: "{autoprograms}\IVIG Desk (self-test)"; Filename: "{app}\ivigdesk.exe"; Parameters: "--self-test"

[UninstallDelete]
; The program folder only (whatever the program or IT left in it, such as ivigdesk-site.ini).
; Guarded: only when the folder is really called "IVIG Desk", so a mistaken custom folder such
; as C:\Program Files is never wiped. Per-user settings and logs are not touched.
Type: filesandordirs; Name: "{app}"; Check: AppFolderIsOurs

[Code]
function DefaultAppDir(Param: String): String;
begin
  if IsAdminInstallMode then
    Result := ExpandConstant('{autopf}\IVIG Desk')
  else
    Result := ExpandConstant('{localappdata}\Programs\IVIG Desk');
end;

function MachineWide: Boolean;
begin
  Result := IsAdminInstallMode;
end;

function AppFolderIsOurs: Boolean;
begin
  Result := CompareText(ExtractFileName(RemoveBackslashUnlessRoot(ExpandConstant('{app}'))), 'IVIG Desk') = 0;
end;
