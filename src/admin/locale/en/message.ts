// en texts: message. Merged by src/admin/locale/index.ts.
export default {};
