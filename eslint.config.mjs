// Flat config: typescript-eslint's recommended rules over the project's TypeScript, and plain CommonJS
// for the few .js files that run under bare node (the local Lambda bootstrap).
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", ".local/**", "scratch/**", "dist/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
