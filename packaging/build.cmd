@echo off
rem Build smedesk on Windows as one folder: dist\smedesk\smedesk.exe (window)
rem and dist\smedesk\smedesk-cli.exe (commands). See packaging\README.md.
rem Needs Python 3.11 (64-bit) on PATH as "py -3.11" or "python".
setlocal
cd /d "%~dp0\.."
if not exist .venv\Scripts\python.exe (
  py -3.11 -m venv .venv 2>nul || python -m venv .venv || exit /b 1
)
.venv\Scripts\python.exe -m pip install --quiet --upgrade pip || exit /b 1
.venv\Scripts\python.exe -m pip install --quiet -e ".[package]" || exit /b 1
set SMEDESK_TRIM=1
if "%1"=="--untrimmed" set SMEDESK_TRIM=0
.venv\Scripts\pyinstaller.exe --noconfirm --clean --log-level WARN ^
  --distpath dist --workpath build\pyinstaller packaging\smedesk.spec || exit /b 1
dist\smedesk\smedesk-cli.exe --version || exit /b 1
echo Built dist\smedesk. Installer: compile packaging\smedesk.iss with Inno Setup 6.
endlocal
