// Deployment settings of the web app. OpenID Connect providers configured in auth-service
// (WAYFARER_AUTH_OIDC_<NAME>_*) get a login button when listed here by the same name.
export const config = {
  oidcProviders: [
    // { name: 'keycloak', label: 'Company login' },
  ],
};
