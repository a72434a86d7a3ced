#!/bin/bash
# Scopekeeper's deb/rpm after-install script (electron-builder.json, deb/rpm "afterInstall").
# It is electron-builder 26's own (app-builder-lib/templates/linux/after-install.tpl) with one
# change: /usr/bin/${executable} is the `scopekeeper` COMMAND (resources/cli/scopekeeper: the CLI
# and MCP server), not the app's binary. The menu entry starts the app by its full path
# (/opt/${sanitizedProductName}/${executable}), so it does not need the link.

COMMAND='/opt/${sanitizedProductName}/resources/cli/scopekeeper'
chmod 0755 "$COMMAND" || true

if type update-alternatives >/dev/null 2>&1; then
    # An earlier package pointed the same name at the app's binary: take that alternative away.
    update-alternatives --remove '${executable}' '/opt/${sanitizedProductName}/${executable}' >/dev/null 2>&1 || true
    # A plain link left by hand or by a package without update-alternatives.
    if [ -L '/usr/bin/${executable}' -a "`readlink '/usr/bin/${executable}'`" != '/etc/alternatives/${executable}' ]; then
        rm -f '/usr/bin/${executable}'
    fi
    update-alternatives --install '/usr/bin/${executable}' '${executable}' "$COMMAND" 100 || ln -sf "$COMMAND" '/usr/bin/${executable}'
else
    ln -sf "$COMMAND" '/usr/bin/${executable}'
fi

# The rest is electron-builder's, unchanged: the Chromium sandbox helper, desktop databases, AppArmor.
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; }; then
    chmod 4755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
else
    chmod 0755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
fi

if hash update-mime-database 2>/dev/null; then
    update-mime-database /usr/share/mime || true
fi

if hash update-desktop-database 2>/dev/null; then
    update-desktop-database /usr/share/applications || true
fi

if apparmor_status --enabled > /dev/null 2>&1; then
  APPARMOR_PROFILE_SOURCE='/opt/${sanitizedProductName}/resources/apparmor-profile'
  APPARMOR_PROFILE_TARGET='/etc/apparmor.d/${executable}'
  if apparmor_parser --skip-kernel-load --debug "$APPARMOR_PROFILE_SOURCE" > /dev/null 2>&1; then
    cp -f "$APPARMOR_PROFILE_SOURCE" "$APPARMOR_PROFILE_TARGET"
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      apparmor_parser --replace --write-cache --skip-read-cache "$APPARMOR_PROFILE_TARGET"
    fi
  else
    echo "Skipping the installation of the AppArmor profile as this version of AppArmor does not seem to support the bundled profile"
  fi
fi
