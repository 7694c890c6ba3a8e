// dist/extension.js and the parts of the extension's own code that it loads when first needed (EXTENSION_PARTS),
// each holding each module of src/ once, used by esbuild.js.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');
const { EXTENSION_ENTRY, EXTENSION_PARTS, LAZY_BUNDLES, heldModules, lazyImports, sharedModules } = require('./lazy');

const ROOT = path.join(__dirname, '..', '..');

/**
 * dist/extension.js and its EXTENSION_PARTS, in a build whose entries include EXTENSION_ENTRY (in any other build,
 * a part's modules are bundled where they are used, as any module). Before the build, each of them is bundled on
 * its own, in order, until it holds the same modules twice in a row: with the modules it takes from the bundles
 * before it (sharedModules) and those it exports for the parts after it (whose other exports it then holds too).
 * The build makes dist/extension.js with those exports and writes each part beside it (in memory, it adds each to
 * the build's output files and metafile). A module of src/ held by two of these bundles fails the build.
 */
const extensionParts = {
  name: 'extension-parts',
  setup(build) {
    const options = build.initialOptions;
    const entries = Array.isArray(options.entryPoints)
      ? options.entryPoints.map((e) => (typeof e === 'string' ? [path.parse(e).name, e] : [e.out, e.in]))
      : Object.entries(options.entryPoints ?? {});
    const extensionFile = entries.find(([, file]) => path.resolve(ROOT, file) === path.join(ROOT, EXTENSION_ENTRY))?.[0];
    if (!extensionFile) return;
    lazyImports(EXTENSION_PARTS).setup(build);

    const carried = () => (options.plugins ?? []).filter((p) => !['report', 'lazy-bundles', 'extension-parts'].includes(p.name));
    /** Bundles `entry` alone until it holds the same modules twice in a row; its own: those no bundle `before` holds. */
    const settle = async (name, entry, before, exports) => {
      let own = new Set();
      for (let round = 1; ; round++) {
        if (round > 10) throw new Error(`${entry}: the modules it holds did not settle`);
        const exported = own;
        const result = await esbuild.build({
          ...options, entryPoints: { [name]: entry }, write: false, metafile: true,
          plugins: [lazyImports(LAZY_BUNDLES), sharedModules({ entry, owners: before, extensionFile, exported: () => (exports ? exported : undefined) }), ...carried()],
        });
        const [file, output] = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint === entry);
        const held = new Set(heldModules(output).filter((module) => !Object.values(before).some((o) => o.has(module))));
        const settled = held.size === own.size && [...held].every((module) => own.has(module));
        own = held;
        if (settled || !exports) return { name, result, file, output, own };
      }
    };

    let extensionModules = new Set();
    let parts = [];
    build.onStart(async () => {
      parts = [];
      extensionModules = (await settle(extensionFile, EXTENSION_ENTRY, {}, true)).own;
      const owners = { [extensionFile]: extensionModules };
      const names = Object.keys(EXTENSION_PARTS);
      for (const [i, name] of names.entries()) {
        const part = await settle(name, EXTENSION_PARTS[name], { ...owners }, i < names.length - 1);
        owners[name] = part.own;
        parts.push(part);
      }
    });
    // dist/extension.js with its exports for the parts; a change to a module of a part rebuilds it too (watch mode).
    sharedModules({
      entry: EXTENSION_ENTRY, owners: {}, extensionFile, exported: () => extensionModules,
      watchFiles: () => parts.flatMap((p) => Object.keys(p.result.metafile.inputs)).filter((file) => !file.includes(':')).map((file) => path.join(ROOT, file)),
    }).setup(build);

    build.onEnd((result) => {
      if (result.errors.length) return;
      const extension = Object.entries(result.metafile?.outputs ?? {}).find(([, o]) => o.entryPoint === EXTENSION_ENTRY);
      const holder = new Map();
      for (const [file, output] of [...(extension ? [extension] : []), ...parts.map((p) => [p.file, p.output])]) {
        for (const module of heldModules(output)) {
          if (holder.has(module)) throw new Error(`${module} is in both ${holder.get(module)} and ${file}`);
          holder.set(module, file);
        }
      }
      for (const { result: part } of parts) {
        if (result.metafile) {
          Object.assign(result.metafile.inputs, part.metafile.inputs);
          Object.assign(result.metafile.outputs, part.metafile.outputs);
        }
        if (options.write === false) result.outputFiles?.push(...part.outputFiles);
        else {
          for (const out of part.outputFiles) {
            fs.mkdirSync(path.dirname(out.path), { recursive: true });
            fs.writeFileSync(out.path, out.contents);
          }
        }
      }
    });
  },
};

module.exports = { extensionParts };
