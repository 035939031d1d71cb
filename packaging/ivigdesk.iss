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
; ivigdesk-site.ini, a folder a machine-wide install makes admin-only: see PrepareToInstall). In a per-user
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

; Machine-wide only: %ProgramData%\IVIG Desk, where IT puts the site policy (ivigdesk-site.ini),
; is made admin-only by PrepareToInstall in [Code] below (before any file is copied). By default
; Windows lets any user create files and folders under ProgramData, so a standard user could plant
; the "IT policy" for everyone on a shared PC. So Setup never adopts a folder it cannot trust: if
; the path exists and is a link/junction, not a folder, or holds anything (the folder included)
; owned by someone other than Administrators, SYSTEM or the administrator running Setup, it is
; renamed to "IVIG Desk.untrusted-YYYYMMDD-HHNNSS" (kept for IT to inspect, never read by IVIG
; Desk) and a new empty folder is created. Then: owner Administrators, inheritance from
; ProgramData removed, Administrators and SYSTEM full control, Users read and list (SIDs, so a
; non-English Windows works too); and the result is checked again. If anything fails, Setup stops
; with a message and installs nothing. Every step is written to Setup's log (/LOG). The folder is
; never removed by the uninstaller, so the protection (and IT's policy) stays.

[Icons]
Name: "{autoprograms}\IVIG Desk"; Filename: "{app}\ivigdesk.exe"
Name: "{autoprograms}\IVIG Desk (self-test)"; Filename: "{app}\ivigdesk.exe"; Parameters: "--self-test"

[UninstallDelete]
; The program folder only (whatever the program or IT left in it, such as ivigdesk-site.ini).
; Guarded: only when the folder is really called "IVIG Desk", so a mistaken custom folder such
; as C:\Program Files is never wiped. Per-user settings and logs are not touched.
Type: filesandordirs; Name: "{app}"; Check: AppFolderIsOurs

[Code]
const
  SE_FILE_OBJECT = 1;
  OWNER_SECURITY_INFORMATION = 1;
  INVALID_FILE_ATTRIBUTES = $FFFFFFFF;
  WinLocalSystemSid = 22;
  WinBuiltinAdministratorsSid = 26;
  MaxPolicyDepth = 16;

function GetFileAttributesW(lpFileName: String): Cardinal; external 'GetFileAttributesW@kernel32.dll stdcall';
function GetNamedSecurityInfoW(pObjectName: String; ObjectType: Integer; SecurityInfo: Cardinal; var ppsidOwner: Cardinal; ppsidGroup, ppDacl, ppSacl: Cardinal; var ppSecurityDescriptor: Cardinal): Cardinal; external 'GetNamedSecurityInfoW@advapi32.dll stdcall';
function IsWellKnownSid(pSid: Cardinal; WellKnownSidType: Integer): BOOL; external 'IsWellKnownSid@advapi32.dll stdcall';
function ConvertSidToStringSidW(Sid: Cardinal; var StringSid: Cardinal): BOOL; external 'ConvertSidToStringSidW@advapi32.dll stdcall';
function lstrcpynW(lpString1: String; lpString2: Cardinal; iMaxLength: Integer): Cardinal; external 'lstrcpynW@kernel32.dll stdcall';
function LocalFree(hMem: Cardinal): Cardinal; external 'LocalFree@kernel32.dll stdcall';

var
  SetupOwnerSid: String;   { the owner this elevated Setup gives to what it creates }

{ The owner of Path as a SID string ('S-1-5-32-544' for Administrators, 'S-1-5-18' for SYSTEM),
  or '' if it cannot be read. Path must not be a link: callers check the attributes first. }
function OwnerSid(Path: String): String;
var Owner, SD, S: Cardinal; Buf: String;
begin
  Result := '';
  Owner := 0; SD := 0; S := 0;
  if GetNamedSecurityInfoW(Path, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION, Owner, 0, 0, 0, SD) <> 0 then
    exit;
  if IsWellKnownSid(Owner, WinBuiltinAdministratorsSid) then
    Result := 'S-1-5-32-544'
  else if IsWellKnownSid(Owner, WinLocalSystemSid) then
    Result := 'S-1-5-18'
  else if ConvertSidToStringSidW(Owner, S) then begin
    Buf := StringOfChar(' ', 256);
    lstrcpynW(Buf, S, 256);
    Result := Copy(Buf, 1, Pos(#0, Buf) - 1);
    LocalFree(S);
  end;
  LocalFree(SD);
end;

function TrustedOwner(Sid: String): Boolean;
begin
  Result := (Sid = 'S-1-5-32-544') or (Sid = 'S-1-5-18') or ((Sid <> '') and (Sid = SetupOwnerSid));
end;

{ True if Path (a folder, not a link) and everything in it is owned by a trusted owner and
  holds no link or junction; otherwise False with the reason in Why. }
function AdminOnlyTree(Path: String; Depth: Integer; var Why: String): Boolean;
var FindRec: TFindRec; Item, Sid: String;
begin
  Sid := OwnerSid(Path);
  if not TrustedOwner(Sid) then begin
    if Sid = '' then Why := Path + ': its owner cannot be read'
    else Why := Path + ' is owned by ' + Sid + ', not by Administrators or SYSTEM';
    Result := False; exit;
  end;
  if Depth > MaxPolicyDepth then begin
    Why := Path + ': folders nested too deep'; Result := False; exit;
  end;
  Result := True;
  if FindFirst(Path + '\*', FindRec) then
  try
    repeat
      if (FindRec.Name = '.') or (FindRec.Name = '..') then continue;
      Item := Path + '\' + FindRec.Name;
      if (FindRec.Attributes and FILE_ATTRIBUTE_REPARSE_POINT) <> 0 then begin
        Why := Item + ' is a link or junction'; Result := False; exit;
      end;
      if (FindRec.Attributes and FILE_ATTRIBUTE_DIRECTORY) <> 0 then begin
        if not AdminOnlyTree(Item, Depth + 1, Why) then begin Result := False; exit; end;
      end else begin
        Sid := OwnerSid(Item);
        if not TrustedOwner(Sid) then begin
          if Sid = '' then Why := Item + ': its owner cannot be read'
          else Why := Item + ' is owned by ' + Sid + ', not by Administrators or SYSTEM';
          Result := False; exit;
        end;
      end;
    until not FindNext(FindRec);
  finally
    FindClose(FindRec);
  end;
end;

{ '' if Path may be kept as it is; otherwise why not. Never follows a link at Path. }
function Untrusted(Path: String): String;
var Attrs: Cardinal; Why: String;
begin
  Result := '';
  Attrs := GetFileAttributesW(Path);
  if Attrs = INVALID_FILE_ATTRIBUTES then exit;
  if (Attrs and FILE_ATTRIBUTE_REPARSE_POINT) <> 0 then
    Result := Path + ' is a link or junction'
  else if (Attrs and FILE_ATTRIBUTE_DIRECTORY) = 0 then
    Result := Path + ' is a file, not a folder'
  else if not AdminOnlyTree(Path, 0, Why) then
    Result := Why;
end;

function Icacls(Params: String): Boolean;
var Code: Integer;
begin
  Result := Exec(ExpandConstant('{sys}\icacls.exe'), Params, '', SW_HIDE, ewWaitUntilTerminated, Code) and (Code = 0);
  Log(Format('icacls %s: exit %d', [Params, Code]));
end;

{ Machine-wide: make %ProgramData%\IVIG Desk an admin-only folder that holds nothing a standard
  user put there. Returns '' when done, or the message Setup stops with. }
function SecurePolicyFolder: String;
var Path, Aside, Probe, Why: String; N: Integer;
begin
  Result := '';
  Path := ExpandConstant('{commonappdata}\IVIG Desk');
  { the owner this elevated Setup gives to new files: Administrators on Windows (an elevated
    administrator's default owner), or the administrator's own account }
  Probe := ExpandConstant('{tmp}\owner-probe.txt');
  if SaveStringToFile(Probe, 'owner probe', False) then SetupOwnerSid := OwnerSid(Probe);
  Log('Site policy folder: Setup''s own files are owned by ' + SetupOwnerSid);
  Why := Untrusted(Path);
  if Why <> '' then begin
    Aside := Path + '.untrusted-' + GetDateTimeString('yyyymmdd-hhnnss', '-', ':');
    N := 1;
    while GetFileAttributesW(Aside) <> INVALID_FILE_ATTRIBUTES do begin
      N := N + 1;
      Aside := Path + '.untrusted-' + GetDateTimeString('yyyymmdd-hhnnss', '-', ':') + '-' + IntToStr(N);
    end;
    Log('Site policy folder NOT trusted: ' + Why + '. Moving it aside to ' + Aside + ' (kept for IT to inspect; IVIG Desk never reads it).');
    if not RenameFile(Path, Aside) then begin
      Result := 'Setup cannot make the site policy folder safe:' + #13#10 + Path + #13#10 + Why +
        ', and it could not be moved aside to ' + Aside + ' (' + SysErrorMessage(DLLGetLastError) + ').' + #13#10 +
        'Remove or rename that folder as an administrator, then run Setup again. Nothing was installed.';
      Log(Result); exit;
    end;
    { a link must have been renamed itself, not its target (Wine renames the target of a Unix
      symbolic link and leaves the link): if anything is still at Path, stop }
    if GetFileAttributesW(Path) <> INVALID_FILE_ATTRIBUTES then begin
      Result := 'Setup cannot make the site policy folder safe:' + #13#10 + Path + #13#10 + Why +
        ', and it is still there after moving it aside to ' + Aside + '.' + #13#10 +
        'Remove it as an administrator, then run Setup again. Nothing was installed.';
      Log(Result); exit;
    end;
    Log('Moved aside: ' + Aside);
  end else if DirExists(Path) then
    Log('Site policy folder ' + Path + ' exists and everything in it is owned by Administrators, SYSTEM or ' + SetupOwnerSid + ': kept as it is.')
  else
    Log('Site policy folder ' + Path + ' does not exist: creating it admin-only.');
  if not DirExists(Path) and not CreateDir(Path) then begin
    Result := 'Setup cannot create the site policy folder ' + Path + ' (' + SysErrorMessage(DLLGetLastError) + '). Nothing was installed.';
    Log(Result); exit;
  end;
  { lock first (from here on no standard user can add anything), then give everything to
    Administrators and reset the contents to inherit the new permissions }
  if not (Icacls('"' + Path + '" /inheritance:r /grant:r *S-1-5-32-544:(OI)(CI)F *S-1-5-18:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX /Q')
          and Icacls('"' + Path + '" /setowner *S-1-5-32-544 /T /C /Q')) then begin
    Result := 'Setup cannot make the site policy folder ' + Path + ' admin-only (icacls failed; see the log). Nothing was installed.';
    Log(Result); exit;
  end;
  Icacls('"' + Path + '\*" /reset /T /C /Q');
  { a standard user may have added something between the check and the lock: check again }
  Why := Untrusted(Path);
  if Why <> '' then begin
    Result := 'Setup cannot make the site policy folder safe: ' + Why + '. Nothing was installed; ask IT to check ' + Path + '.';
    Log(Result); exit;
  end;
  Log('Site policy folder ' + Path + ' is admin-only.');
end;

function PrepareToInstall(var NeedsRestart: Boolean): String;
begin
  Result := '';
  if IsAdminInstallMode then Result := SecurePolicyFolder;   { machine-wide only }
end;

function DefaultAppDir(Param: String): String;
begin
  if IsAdminInstallMode then
    Result := ExpandConstant('{autopf}\IVIG Desk')
  else
    Result := ExpandConstant('{localappdata}\Programs\IVIG Desk');
end;

function AppFolderIsOurs: Boolean;
begin
  Result := CompareText(ExtractFileName(RemoveBackslashUnlessRoot(ExpandConstant('{app}'))), 'IVIG Desk') = 0;
end;
