// en texts: dialog. Merged by src/admin/locale/index.ts.
export default {};
