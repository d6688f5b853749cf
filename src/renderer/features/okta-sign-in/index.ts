export { OktaSignInPanel } from './OktaSignInPanel';
