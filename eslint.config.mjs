import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/.next/**", "**/dist/**", "**/generated/**", "data/**", "test-results/**", "playwright-report/**", "**/next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
    },
  },
  {
    // A focused test silently skips the rest of the suite (vitest and Playwright also refuse it
    // when CI is set, as in `npm test`; this catches it earlier, in every lint run).
    files: ["**/*.test.ts", "**/*.test.tsx", "tests/**/*.ts", "e2e/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[property.name='only'][object.name=/^(it|test|describe|suite)$/]", message: "no focused tests (.only): it skips the rest of the suite" },
        { selector: "MemberExpression[property.name='only'][object.property.name='describe']", message: "no focused tests (.only): it skips the rest of the suite" },
      ],
    },
  },
);
