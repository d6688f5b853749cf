export { StatusCard } from './StatusCard';
export { StatusScreen } from './StatusScreen';
