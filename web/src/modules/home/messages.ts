export default { zh: {}, en: {} };
