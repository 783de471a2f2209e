/** The device position, when the platform gives one (many laptops have no GPS; offline Wi-Fi lookup fails). */
export function devicePosition(): Promise<{ lat: number; lon: number }> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) { reject(new Error('本机不提供定位，请手工输入经纬度或使用照片位置')); return; }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: Math.round(p.coords.latitude * 1e6) / 1e6, lon: Math.round(p.coords.longitude * 1e6) / 1e6 }),
      () => reject(new Error('未能取得本机定位（无定位设备或未授权），请手工输入经纬度或使用照片位置')),
      { enableHighAccuracy: true, timeout: 8000 },
    );
  });
}
