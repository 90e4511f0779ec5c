import { hostileSuite } from './hostile.js';

hostileSuite(['jsonfeed', 'wordpress']);
