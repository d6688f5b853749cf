// The review feature's public face: offline review of a saved config, and the MSP overview of every org.
export { OverviewScreen } from './OverviewScreen';
export { ReviewScreen } from './ReviewScreen';
