// The bundle's entry: Home Assistant loads this one file as a dashboard resource.
import "./cards/mat-card/mat-card";
