import type { Plugin } from 'vite';

const ZOD = /[\\/]node_modules[\\/]zod[\\/]/;

/**
 * Fails the window's build when zod ends up in any of its chunks. The window validates nothing
 * itself (main checks every answer against the contract before it is sent), and zod is a third of
 * the first load's script: a value imported from a module that also builds schemas (a constant
 * beside them) is enough to bring it in, so this names the module that did.
 */
export function noZodInWindow(): Plugin {
  return {
    name: 'scopekeeper-no-zod-in-window',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        // Modules tree-shaken away are listed too, with nothing rendered.
        const kept = Object.keys(chunk.modules).filter((id) => chunk.modules[id]!.renderedLength > 0);
        const zodModule = kept.find((id) => ZOD.test(id));
        if (zodModule === undefined) continue;
        const importers = kept.filter((id) => !ZOD.test(id) && (this.getModuleInfo(id)?.importedIds ?? []).some((dep) => ZOD.test(dep)));
        this.error(`zod is in the window's chunk ${chunk.fileName}, imported by ${importers.join(', ') || zodModule}: import constants from a module without schemas.`);
      }
    },
  };
}
