/**
 * OpenCC's character dictionaries as opencc-js ships them (`dist/esm-lib/dict/*.js`): each module's
 * default export is one string of `from to[ to2...]` pairs joined by `|`. The package declares types
 * for its converters only, not for these data modules.
 */
declare module 'opencc-js/dict/TSCharacters' {
  const pairs: string;
  export default pairs;
}
declare module 'opencc-js/dict/HKVariantsRev' {
  const pairs: string;
  export default pairs;
}
declare module 'opencc-js/dict/TWVariantsRev' {
  const pairs: string;
  export default pairs;
}
