# Install, check and uninstall IVIG Desk's setup silently in both modes, on Windows (the build
# workflow's Windows job; the runner is an administrator). Exits non-zero at the first failure.
#   powershell -File packaging\check_installer_windows.ps1 dist\installer\IVIGDesk-0.1.0-setup.exe
param([Parameter(Mandatory = $true)][string]$Setup)
$ErrorActionPreference = 'Stop'
$Key = 'Software\Microsoft\Windows\CurrentVersion\Uninstall\{6B0E6C2A-6F0E-4C55-9E1B-1F7D2D0B7A31}_is1'
$Silent = @('/VERYSILENT', '/SUPPRESSMSGBOXES', '/NORESTART')

function Run([string]$Exe, [string[]]$Arguments) {
    $process = Start-Process -FilePath $Exe -ArgumentList $Arguments -Wait -PassThru
    if ($process.ExitCode -ne 0) { throw "$Exe $Arguments exited $($process.ExitCode)" }
}
function Expect([bool]$Condition, [string]$What) {
    if (-not $Condition) { throw "FAILED: $What" }
    Write-Host "PASS: $What"
}
function Uninstall([string]$Root) {
    $command = (Get-ItemProperty -Path "Registry::$Root\$Key").UninstallString.Trim('"')
    Run $command $Silent
    Start-Sleep -Seconds 5  # the uninstaller's copy in %TEMP% finishes after the exit code
}

foreach ($mode in @('CURRENTUSER', 'ALLUSERS')) {
    $folder = if ($mode -eq 'ALLUSERS') { "$env:ProgramFiles\IVIG Desk" } else { "$env:LOCALAPPDATA\Programs\IVIG Desk" }
    $root = if ($mode -eq 'ALLUSERS') { 'HKEY_LOCAL_MACHINE' } else { 'HKEY_CURRENT_USER' }
    Run $Setup (@("/$mode") + $Silent + @("/LOG=$env:TEMP\ivigdesk-$mode.log"))
    Expect (Test-Path "$folder\ivigdesk.exe") "/$mode installs $folder\ivigdesk.exe"
    Expect (Test-Path "Registry::$root\$Key") "/$mode writes its uninstall entry under $root"
    $selfTest = Start-Process -FilePath "$folder\ivigdesk.exe" -ArgumentList '--self-test' -Wait -PassThru
    Expect ($selfTest.ExitCode -eq 0) "the installed program passes --self-test (/$mode)"
    Expect (Test-Path "$folder\ivigdesk-calc.exe") "/$mode installs $folder\ivigdesk-calc.exe"
    $plan = & "$folder\ivigdesk-calc.exe" --indication gbs --weight 70 --concentration 10% --json | Out-String
    Expect ($LASTEXITCODE -eq 0 -and $plan -match '"total_dose_g"') "the installed ivigdesk-calc.exe prints a plan (/$mode)"
    Uninstall $root
    Expect (-not (Test-Path $folder)) "the uninstaller removes $folder"
    Expect (-not (Test-Path "Registry::$root\$Key")) "the uninstaller removes the $root entry"
}

# A %ProgramData%\IVIG Desk that was there before a machine-wide install (packaging/README.md, the
# site policy): Setup keeps it only if everything in it is owned by Administrators/SYSTEM;
# otherwise it renames it to "IVIG Desk.untrusted-<date>-<time>" and makes a new admin-only folder.
$policyDir = "$env:ProgramData\IVIG Desk"
$planted = "[site]`r`nknowledge_folder = C:\planted`r`n"
function OwnerSid([string]$Path) { (Get-Acl -LiteralPath $Path).GetOwner([System.Security.Principal.SecurityIdentifier]).Value }
function Untrusted { @(Get-ChildItem -LiteralPath $env:ProgramData -Force -Filter 'IVIG Desk.untrusted-*' | ForEach-Object FullName) }
function IsLink([string]$Path) { [bool]((Get-Item -LiteralPath $Path -Force).Attributes -band [IO.FileAttributes]::ReparsePoint) }
function ClearPolicyDir {
    if (Test-Path -LiteralPath $policyDir) {
        if (IsLink $policyDir) { cmd /c rmdir "$policyDir" } else { Remove-Item -LiteralPath $policyDir -Recurse -Force }
    }
}
function InstallMachineWide([string]$Name) {
    $script:before = Untrusted
    Run $Setup (@('/ALLUSERS') + $Silent + @("/LOG=$env:TEMP\ivigdesk-$Name.log"))
    $script:fresh = @(Untrusted | Where-Object { $script:before -notcontains $_ })
}
function ExpectAdminOnly([string]$What) {
    $acl = Get-Acl -LiteralPath $policyDir
    Expect ((OwnerSid $policyDir) -eq 'S-1-5-32-544') "$What`: $policyDir owned by Administrators"
    Expect ($acl.AreAccessRulesProtected) "$What`: $policyDir inherits nothing from ProgramData"
    $writeRights = [Security.AccessControl.FileSystemRights]'Write, Delete, ChangePermissions, TakeOwnership'
    $others = @($acl.Access | Where-Object {
            $sid = $_.IdentityReference.Translate([Security.Principal.SecurityIdentifier]).Value
            $_.AccessControlType -eq 'Allow' -and ($_.FileSystemRights -band $writeRights) -and $sid -notin @('S-1-5-32-544', 'S-1-5-18') })
    Expect ($others.Count -eq 0) "$What`: only Administrators and SYSTEM may change $policyDir"
}

# a folder a standard user made, with a planted policy (owner: the Users group, as no administrator)
ClearPolicyDir
New-Item -ItemType Directory -Path $policyDir | Out-Null
Set-Content -LiteralPath "$policyDir\ivigdesk-site.ini" -Value $planted -NoNewline
& icacls.exe $policyDir /setowner '*S-1-5-32-545' /T /C /Q | Out-Null
Expect ((OwnerSid "$policyDir\ivigdesk-site.ini") -eq 'S-1-5-32-545') 'planted ivigdesk-site.ini owned by Users'
InstallMachineWide 'planted'
Expect (-not (Test-Path -LiteralPath "$policyDir\ivigdesk-site.ini")) 'a planted ivigdesk-site.ini is not adopted as the site policy'
Expect ($fresh.Count -eq 1 -and (Get-Content -LiteralPath "$($fresh[0])\ivigdesk-site.ini" -Raw) -eq $planted) "the planted folder is moved aside, unchanged ($($fresh -join ', '))"
Expect ((Get-Content "$env:TEMP\ivigdesk-planted.log" -Raw) -match 'Site policy folder NOT trusted') "Setup's log says why"
ExpectAdminOnly 'after moving a planted folder aside'

# IT's policy in the admin-only folder of a previous install: kept as it is
Set-Content -LiteralPath "$policyDir\ivigdesk-site.ini" -Value "[site]`r`n; IT's policy`r`n" -NoNewline
InstallMachineWide 'itpolicy'
Expect ((Get-Content -LiteralPath "$policyDir\ivigdesk-site.ini" -Raw) -match "IT's policy" -and $fresh.Count -eq 0) "an admin-owned policy folder (previous install + IT's file) is kept as it is"
ExpectAdminOnly 'after an upgrade over an admin-owned folder'

# a junction at the path: moved aside, never followed
ClearPolicyDir
$elsewhere = Join-Path $env:TEMP 'ivigdesk-junction-target'
New-Item -ItemType Directory -Force -Path $elsewhere | Out-Null
Set-Content -LiteralPath "$elsewhere\ivigdesk-site.ini" -Value $planted -NoNewline
New-Item -ItemType Junction -Path $policyDir -Target $elsewhere | Out-Null
InstallMachineWide 'junction'
Expect (-not (IsLink $policyDir) -and -not (Test-Path -LiteralPath "$policyDir\ivigdesk-site.ini")) 'a junction at the policy path is not followed; a new folder replaces it'
Expect ($fresh.Count -eq 1 -and (IsLink $fresh[0]) -and (Get-Content -LiteralPath "$elsewhere\ivigdesk-site.ini" -Raw) -eq $planted) 'the junction is moved aside; its target is untouched'
ExpectAdminOnly 'after moving a junction aside'
Uninstall 'HKEY_LOCAL_MACHINE'
Write-Host 'installer checked in both modes
