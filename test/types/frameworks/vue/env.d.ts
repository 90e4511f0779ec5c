// What a Vue project adds once: the elements' typings for templates.
import type {} from 'lapa-widgets/vue';
