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
Write-Host 'installer checked in both modes'
