#!/bin/bash
# Scopekeeper's deb/rpm after-remove script (electron-builder.json, deb/rpm "afterRemove"):
# electron-builder 26's own (app-builder-lib/templates/linux/after-remove.tpl) for the `scopekeeper`
# command that after-install.tpl links, and only when the package is really going away. On an
# upgrade, rpm runs the old package's after-remove AFTER the new one's after-install (with "1"),
# and dpkg runs it with "upgrade": removing the link then would leave no command.
case "$1" in
    remove|purge|0) ;;
    *) exit 0 ;;
esac

if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove '${executable}' '/opt/${sanitizedProductName}/resources/cli/scopekeeper'
else
    rm -f '/usr/bin/${executable}'
fi

APPARMOR_PROFILE_DEST='/etc/apparmor.d/${executable}'
if [ -f "$APPARMOR_PROFILE_DEST" ]; then
  if apparmor_status --enabled > /dev/null 2>&1; then
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --remove "$APPARMOR_PROFILE_DEST" || true
    fi
  fi
  rm -f "$APPARMOR_PROFILE_DEST"
fi
