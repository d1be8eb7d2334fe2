// Runs the @nestjs/swagger CLI plugin in read-only mode: it reads our DTOs and controllers (types, class-validator
// rules, JSDoc comments) and writes src/metadata.ts, which the OpenAPI builder loads. One way to feed the plugin
// that works for tsc builds, SWC-based tests and the dev server alike.
const path = require('node:path');
const { PluginMetadataGenerator } = require('@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator');
const { ReadonlyVisitor } = require('@nestjs/swagger/plugin');

const root = path.resolve(__dirname, '..');
process.chdir(root);
new PluginMetadataGenerator().generate({
  visitors: [
    new ReadonlyVisitor({
      introspectComments: true,
      // JSDoc on a controller method becomes the operation's description; @Endpoint gives the summary.
      controllerKeyOfComment: 'description',
      // Named enums become real enum types in the generated client.
      autoFillEnumName: true,
      classValidatorShim: true,
      pathToSource: path.join(root, 'src'),
      dtoFileNameSuffix: ['.dto.ts'],
      controllerFileNameSuffix: ['.controller.ts'],
    }),
  ],
  outputDir: path.join(root, 'src'),
  filename: 'metadata.ts',
  tsconfigPath: 'tsconfig.build.json',
  printDiagnostics: false,
});
