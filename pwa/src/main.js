/** Entry point bundled by esbuild into pwa/dist/app-<hash>.js. */
import { boot } from '../js/app.js';

void boot();
