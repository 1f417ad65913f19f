// The chunk the script-tag loader imports: boot for the loader, mount for anyone holding the module.
export { boot } from './boot.ts';
export { mount } from './mount.tsx';
