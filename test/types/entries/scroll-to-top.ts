// `lapa-widgets/scroll-to-top` alone: the class and its properties (it fires no events of its own).
import { ScrollToTopElement } from 'lapa-widgets/scroll-to-top';

const top = new ScrollToTopElement();
top.threshold = 200;
top.progress = true;
