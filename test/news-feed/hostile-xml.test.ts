import { hostileSuite } from './hostile.js';

hostileSuite(['rss', 'atom']);
