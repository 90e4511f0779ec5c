// What a Svelte project adds once: the elements' typings for markup.
import type {} from 'lapa-widgets/svelte';
