// `lapa-widgets/scroll-to-top/define` alone: the tag and its element type.
import 'lapa-widgets/scroll-to-top/define';

const top = document.createElement('scroll-to-top');
top.threshold = 200;
top.progress = true;
